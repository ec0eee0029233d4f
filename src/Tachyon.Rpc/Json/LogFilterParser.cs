using System.Text.Json;
using Tachyon.Core.Types;
using Tachyon.Rpc.Backend;

namespace Tachyon.Rpc.Json;

/// <summary>A log filter as given: block bounds still unresolved.</summary>
public sealed record LogFilter(BlockSelector? FromBlock, BlockSelector? ToBlock, Hash256? BlockHash,
    IReadOnlyList<Address> Addresses, IReadOnlyList<IReadOnlyList<Hash256>?> Topics);

/// <summary>Parses {fromBlock, toBlock, blockHash, address: addr | [addr], topics: [null | topic | [topic | null...]]}.</summary>
public static class LogFilterParser
{
    public const int MaxTopics = 4;

    public static LogFilter Parse(JsonElement e, string path)
    {
        if (e.ValueKind != JsonValueKind.Object) throw JsonArgs.Invalid(path, $"expected a filter object, got {JsonArgs.Describe(e)}");
        BlockSelector? from = null, to = null;
        Hash256? blockHash = null;
        IReadOnlyList<Address> addresses = [];
        IReadOnlyList<IReadOnlyList<Hash256>?> topics = [];
        foreach (JsonProperty p in e.EnumerateObject())
        {
            if (p.Value.ValueKind == JsonValueKind.Null) continue;
            string at = path + "." + p.Name;
            switch (p.Name)
            {
                case "fromBlock": from = JsonArgs.Block(p.Value, at, allowObject: false); break;
                case "toBlock": to = JsonArgs.Block(p.Value, at, allowObject: false); break;
                case "blockHash": blockHash = JsonArgs.Hash(p.Value, at); break;
                case "address": addresses = ParseAddresses(p.Value, at); break;
                case "topics": topics = ParseTopics(p.Value, at); break;
                default: break;
            }
        }
        if (blockHash is not null && (from is not null || to is not null))
            throw JsonArgs.Invalid(path, "cannot specify both blockHash and fromBlock/toBlock, choose one or the other");
        return new LogFilter(from, to, blockHash, addresses, topics);
    }

    private static IReadOnlyList<Address> ParseAddresses(JsonElement e, string path)
    {
        if (e.ValueKind == JsonValueKind.String) return [JsonArgs.Address(e, path)];
        if (e.ValueKind != JsonValueKind.Array) throw JsonArgs.Invalid(path, "expected an address or an array of addresses");
        var list = new Address[e.GetArrayLength()];
        int i = 0;
        foreach (JsonElement a in e.EnumerateArray()) { list[i] = JsonArgs.Address(a, $"{path}[{i}]"); i++; }
        return list;
    }

    private static IReadOnlyList<IReadOnlyList<Hash256>?> ParseTopics(JsonElement e, string path)
    {
        if (e.ValueKind != JsonValueKind.Array) throw JsonArgs.Invalid(path, "expected an array");
        if (e.GetArrayLength() > MaxTopics) throw JsonArgs.Invalid(path, $"too many topics (at most {MaxTopics})");
        var list = new IReadOnlyList<Hash256>?[e.GetArrayLength()];
        int i = 0;
        foreach (JsonElement t in e.EnumerateArray())
        {
            string at = $"{path}[{i}]";
            list[i++] = t.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.String => [JsonArgs.Hash(t, at)],
                JsonValueKind.Array => Alternatives(t, at),
                _ => throw JsonArgs.Invalid(at, "expected null, a topic or an array of topics"),
            };
        }
        return list;
    }

    private static IReadOnlyList<Hash256>? Alternatives(JsonElement e, string path)
    {
        var list = new List<Hash256>(e.GetArrayLength());
        int i = 0;
        foreach (JsonElement t in e.EnumerateArray())
        {
            // A null among alternatives matches anything, which makes the whole position a wildcard.
            if (t.ValueKind == JsonValueKind.Null) return null;
            list.Add(JsonArgs.Hash(t, $"{path}[{i++}]"));
        }
        return list.Count == 0 ? null : list;
    }
}
