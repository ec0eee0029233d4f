using System.Text.Json;
using Tachyon.Core.Numerics;
using Tachyon.Core.Transactions;
using Tachyon.Core.Types;
using Tachyon.Rpc.Backend;

namespace Tachyon.Rpc.Json;

/// <summary>Parses the transaction-call object (GenericTransaction) and EIP-2930/7702 lists.</summary>
public static class CallRequestParser
{
    public static CallRequest Parse(JsonElement e, string path)
    {
        if (e.ValueKind != JsonValueKind.Object) throw JsonArgs.Invalid(path, $"expected a transaction object, got {JsonArgs.Describe(e)}");
        var request = new CallRequest();
        ReadOnlyMemory<byte>? input = null, data = null;
        foreach (JsonProperty p in e.EnumerateObject())
        {
            if (p.Value.ValueKind == JsonValueKind.Null) continue;
            string at = path + "." + p.Name;
            switch (p.Name)
            {
                case "type":
                    ulong type = JsonArgs.Quantity(p.Value, at);
                    if (type > 4) throw JsonArgs.Invalid(at, "transaction type not supported");
                    request = request with { Type = (TransactionType)type };
                    break;
                case "from": request = request with { From = JsonArgs.Address(p.Value, at) }; break;
                case "to": request = request with { To = JsonArgs.Address(p.Value, at) }; break;
                case "gas": request = request with { Gas = JsonArgs.Quantity(p.Value, at) }; break;
                case "gasPrice": request = request with { GasPrice = JsonArgs.Quantity256(p.Value, at) }; break;
                case "maxFeePerGas": request = request with { MaxFeePerGas = JsonArgs.Quantity256(p.Value, at) }; break;
                case "maxPriorityFeePerGas": request = request with { MaxPriorityFeePerGas = JsonArgs.Quantity256(p.Value, at) }; break;
                case "maxFeePerBlobGas": request = request with { MaxFeePerBlobGas = JsonArgs.Quantity256(p.Value, at) }; break;
                case "value": request = request with { Value = JsonArgs.Quantity256(p.Value, at) }; break;
                case "nonce": request = request with { Nonce = JsonArgs.Quantity(p.Value, at) }; break;
                case "chainId": request = request with { ChainId = JsonArgs.Quantity(p.Value, at) }; break;
                case "input": input = JsonArgs.Data(p.Value, at); break;
                case "data": data = JsonArgs.Data(p.Value, at); break;
                case "accessList": request = request with { AccessList = ParseAccessList(p.Value, at) }; break;
                case "authorizationList": request = request with { AuthorizationList = ParseAuthorizations(p.Value, at) }; break;
                case "blobVersionedHashes": request = request with { BlobVersionedHashes = ParseHashes(p.Value, at) }; break;
                default: break; // unknown fields are ignored, as other clients do
            }
        }
        if (input is not null && data is not null && !input.Value.Span.SequenceEqual(data.Value.Span))
            throw JsonArgs.Invalid(path, "both \"data\" and \"input\" are set and not equal; please use \"input\" to pass transaction call data");
        if (request.GasPrice is not null && (request.MaxFeePerGas is not null || request.MaxPriorityFeePerGas is not null))
            throw JsonArgs.Invalid(path, "both gasPrice and (maxFeePerGas or maxPriorityFeePerGas) specified");
        return request with { Input = input ?? data };
    }

    public static IReadOnlyList<AccessListItem> ParseAccessList(JsonElement e, string path)
    {
        if (e.ValueKind != JsonValueKind.Array) throw JsonArgs.Invalid(path, "expected an array");
        var items = new List<AccessListItem>(e.GetArrayLength());
        int i = 0;
        foreach (JsonElement item in e.EnumerateArray())
        {
            string at = $"{path}[{i++}]";
            if (item.ValueKind != JsonValueKind.Object) throw JsonArgs.Invalid(at, "expected {address, storageKeys}");
            if (!item.TryGetProperty("address", out JsonElement address)) throw JsonArgs.Invalid(at, "missing address");
            IReadOnlyList<Hash256> keys = item.TryGetProperty("storageKeys", out JsonElement k) && k.ValueKind != JsonValueKind.Null
                ? ParseHashes(k, at + ".storageKeys") : [];
            items.Add(new AccessListItem(JsonArgs.Address(address, at + ".address"), keys));
        }
        return items;
    }

    public static IReadOnlyList<Hash256> ParseHashes(JsonElement e, string path)
    {
        if (e.ValueKind != JsonValueKind.Array) throw JsonArgs.Invalid(path, "expected an array of hashes");
        var hashes = new Hash256[e.GetArrayLength()];
        int i = 0;
        foreach (JsonElement h in e.EnumerateArray()) { hashes[i] = JsonArgs.Hash(h, $"{path}[{i}]"); i++; }
        return hashes;
    }

    public static IReadOnlyList<AuthorizationTuple> ParseAuthorizations(JsonElement e, string path)
    {
        if (e.ValueKind != JsonValueKind.Array) throw JsonArgs.Invalid(path, "expected an array");
        var list = new List<AuthorizationTuple>(e.GetArrayLength());
        int i = 0;
        foreach (JsonElement a in e.EnumerateArray())
        {
            string at = $"{path}[{i++}]";
            if (a.ValueKind != JsonValueKind.Object) throw JsonArgs.Invalid(at, "expected an authorization object");
            UInt256 chainId = JsonArgs.Quantity256(Field(a, "chainId", at), at + ".chainId");
            Address address = JsonArgs.Address(Field(a, "address", at), at + ".address");
            ulong nonce = JsonArgs.Quantity(Field(a, "nonce", at), at + ".nonce");
            JsonElement parity = a.TryGetProperty("yParity", out JsonElement yp) ? yp : Field(a, "v", at);
            ulong y = JsonArgs.Quantity(parity, at + ".yParity");
            if (y > 255) throw JsonArgs.Invalid(at + ".yParity", "must be below 256");
            UInt256 r = JsonArgs.Quantity256(Field(a, "r", at), at + ".r");
            UInt256 s = JsonArgs.Quantity256(Field(a, "s", at), at + ".s");
            list.Add(new AuthorizationTuple(chainId, address, nonce, (byte)y, r, s));
        }
        return list;
    }

    private static JsonElement Field(JsonElement o, string name, string path) =>
        o.TryGetProperty(name, out JsonElement v) && v.ValueKind != JsonValueKind.Null ? v : throw JsonArgs.Invalid(path, $"missing {name}");
}
