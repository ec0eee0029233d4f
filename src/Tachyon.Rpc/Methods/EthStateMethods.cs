using System.Text.Json;
using Tachyon.Core.Numerics;
using Tachyon.Core.Types;
using Tachyon.Rpc.Backend;
using Tachyon.Rpc.Json;

namespace Tachyon.Rpc.Methods;

/// <summary>Account state at a block: balance, nonce, code, storage, proofs.</summary>
public static class EthStateMethods
{
    public const int MaxProofKeys = 1024;

    public static void Register(RpcMethodRegistry r)
    {
        r.Register("eth_getBalance", (c, p) =>
        {
            p.AtMost(2);
            Address address = p.Address(0, "address");
            BlockSelector block = p.Block(1, allowObject: true);
            UInt256 balance = c.Backend.GetBalance(address, block) ?? throw RpcException.HeaderNotFound();
            return RpcHex.Quantity(balance);
        });
        r.Register("eth_getTransactionCount", (c, p) =>
        {
            p.AtMost(2);
            Address address = p.Address(0, "address");
            BlockSelector block = p.Block(1, allowObject: true);
            return RpcResult.Quantity(c.Backend.GetNonce(address, block) ?? throw RpcException.HeaderNotFound());
        });
        r.Register("eth_getCode", (c, p) =>
        {
            p.AtMost(2);
            Address address = p.Address(0, "address");
            BlockSelector block = p.Block(1, allowObject: true);
            ReadOnlyMemory<byte> code = c.Backend.GetCode(address, block) ?? throw RpcException.HeaderNotFound();
            return RpcHex.Data(code.Span);
        });
        r.Register("eth_getStorageAt", (c, p) =>
        {
            p.AtMost(3);
            Address address = p.Address(0, "address");
            UInt256 slot = p.Word(1, "slot");
            BlockSelector block = p.Block(2, allowObject: true);
            Hash256 value = c.Backend.GetStorageAt(address, slot, block) ?? throw RpcException.HeaderNotFound();
            return RpcHex.Data(value.Bytes);
        });
        r.Register("eth_getProof", (c, p) =>
        {
            p.AtMost(3);
            Address address = p.Address(0, "address");
            JsonElement keysElement = p.Required(1, "storageKeys");
            string path = p.PathOf(1, "storageKeys");
            if (keysElement.ValueKind != JsonValueKind.Array) throw JsonArgs.Invalid(path, "expected an array of storage keys");
            if (keysElement.GetArrayLength() > MaxProofKeys) throw JsonArgs.Invalid(path, $"too many storage keys (at most {MaxProofKeys})");
            var keys = new UInt256[keysElement.GetArrayLength()];
            int i = 0;
            foreach (JsonElement k in keysElement.EnumerateArray()) { keys[i] = JsonArgs.Word(k, $"{path}[{i}]"); i++; }
            BlockSelector block = p.Block(2, allowObject: true);
            AccountProof proof = c.Backend.GetProof(address, keys, block) ?? throw RpcException.HeaderNotFound();
            return RpcResult.From(ProofJson.Result(proof));
        });
    }
}
