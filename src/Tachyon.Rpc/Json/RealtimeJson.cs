using System.Text.Json;
using Tachyon.Rpc.Backend;

namespace Tachyon.Rpc.Json;

/// <summary>Payloads of the realtime subscriptions (miniBlocks, stateChanges).</summary>
public static class RealtimeJson
{
    public static void WriteMiniBlock(Utf8JsonWriter w, MiniBlockEvent m)
    {
        w.WriteStartObject();
        w.WriteQuantity("number"u8, m.Number);
        w.WriteQuantity("blockNumber"u8, m.BlockNumber);
        w.WriteQuantity("index"u8, m.Index);
        w.WriteQuantity("timestamp"u8, m.TimestampUs); // microseconds since the Unix epoch
        w.WriteQuantity("gasUsed"u8, m.GasUsed);
        w.WritePropertyName("transactions"u8);
        w.WriteStartArray();
        foreach (TransactionInfo tx in m.Transactions) TransactionJson.Write(w, tx);
        w.WriteEndArray();
        w.WritePropertyName("receipts"u8);
        w.WriteStartArray();
        foreach (ReceiptInfo r in m.Receipts) ReceiptJson.Write(w, r);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static void WriteAccountChange(Utf8JsonWriter w, ulong blockNumber, ulong miniBlockIndex, AccountChange c)
    {
        w.WriteStartObject();
        w.WriteQuantity("blockNumber"u8, blockNumber);
        w.WriteQuantity("miniBlockIndex"u8, miniBlockIndex);
        w.WriteAddress("address"u8, c.Address);
        if (c.Nonce is ulong nonce) w.WriteQuantity("nonce"u8, nonce);
        if (c.Balance is { } balance) w.WriteQuantity("balance"u8, balance);
        if (c.CodeHash is { } codeHash) w.WriteHash("codeHash"u8, codeHash);
        if (c.Storage is { Count: > 0 } storage)
        {
            w.WritePropertyName("storage"u8);
            w.WriteStartObject();
            Span<byte> name = stackalloc byte[66];
            foreach (var (slot, value) in storage)
            {
                RpcHex.WriteData(slot.Bytes, name);
                w.WritePropertyName(name);
                w.WriteHashValue(value);
            }
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }
}
