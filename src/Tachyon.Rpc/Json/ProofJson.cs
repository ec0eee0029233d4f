using System.Text.Json;
using Tachyon.Rpc.Backend;

namespace Tachyon.Rpc.Json;

/// <summary>EIP-1186 eth_getProof result.</summary>
public static class ProofJson
{
    public static IJsonResult Result(AccountProof p) => new JsonResult(w => Write(w, p));

    public static void Write(Utf8JsonWriter w, AccountProof p)
    {
        w.WriteStartObject();
        w.WriteAddress("address"u8, p.Address);
        w.WritePropertyName("accountProof"u8);
        WriteNodes(w, p.Proof);
        w.WriteQuantity("balance"u8, p.Balance);
        w.WriteHash("codeHash"u8, p.CodeHash);
        w.WriteQuantity("nonce"u8, p.Nonce);
        w.WriteHash("storageHash"u8, p.StorageHash);
        w.WritePropertyName("storageProof"u8);
        w.WriteStartArray();
        Span<byte> key = stackalloc byte[32];
        foreach (StorageProof s in p.StorageProofs)
        {
            w.WriteStartObject();
            s.Key.WriteBigEndian(key);
            w.WriteData("key"u8, key);
            w.WriteQuantity("value"u8, s.Value);
            w.WritePropertyName("proof"u8);
            WriteNodes(w, s.Proof);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteNodes(Utf8JsonWriter w, IReadOnlyList<byte[]> nodes)
    {
        w.WriteStartArray();
        foreach (byte[] node in nodes) w.WriteDataValue(node);
        w.WriteEndArray();
    }
}
