using System.Collections.Concurrent;
using System.Text.Json;
using Tachyon.Core.Numerics;
using Tachyon.Core.Types;
using Tachyon.Rpc.Backend;

namespace Tachyon.Rpc.Json;

/// <summary>
/// Positional parameters of one request. Trailing optional parameters may be absent or null;
/// required ones give "missing value for required argument N".
/// </summary>
public readonly struct ParamReader
{
    private readonly JsonElement _params;

    public ParamReader(JsonElement parameters) => _params = parameters;

    public int Count => _params.ValueKind == JsonValueKind.Array ? _params.GetArrayLength() : 0;

    /// <summary>Throws when more than <paramref name="max"/> parameters were given.</summary>
    public void AtMost(int max)
    {
        if (Count > max) throw RpcException.InvalidParams($"too many arguments, want at most {max}");
    }

    /// <summary>The i-th parameter, or null when absent or JSON null.</summary>
    public JsonElement? Optional(int i)
    {
        if (i >= Count) return null;
        JsonElement e = _params[i];
        return e.ValueKind == JsonValueKind.Null ? null : e;
    }

    public JsonElement Required(int i, string name) =>
        Optional(i) ?? throw RpcException.InvalidParams($"missing value for required argument {i} ({name})");

    // Names are literals at the call sites: each path is formatted once, not per request (it only appears in errors).
    private static readonly ConcurrentDictionary<(int, string), string> Paths = new();

    private static string Path(int i, string name) =>
        Paths.TryGetValue((i, name), out string? path) ? path
        : Paths.Count < 4096 ? Paths.GetOrAdd((i, name), static k => $"argument {k.Item1} ({k.Item2})")
        : $"argument {i} ({name})";

    public ulong Quantity(int i, string name, bool allowNumber = false) => JsonArgs.Quantity(Required(i, name), Path(i, name), allowNumber);

    public ulong? OptionalQuantity(int i, string name, bool allowNumber = false) =>
        Optional(i) is JsonElement e ? JsonArgs.Quantity(e, Path(i, name), allowNumber) : null;

    public UInt256 Word(int i, string name) => JsonArgs.Word(Required(i, name), Path(i, name));

    public byte[] Data(int i, string name) => JsonArgs.Data(Required(i, name), Path(i, name));

    public Address Address(int i, string name) => JsonArgs.Address(Required(i, name), Path(i, name));

    public Hash256 Hash(int i, string name) => JsonArgs.Hash(Required(i, name), Path(i, name));

    public string String(int i, string name) => JsonArgs.String(Required(i, name), Path(i, name));

    public bool Bool(int i, string name, bool defaultValue) =>
        Optional(i) is JsonElement e ? JsonArgs.Bool(e, Path(i, name)) : defaultValue;

    /// <summary>A block parameter defaulting to "latest" when absent.</summary>
    public BlockSelector Block(int i, string name = "block", bool allowObject = false) =>
        Optional(i) is JsonElement e ? JsonArgs.Block(e, Path(i, name), allowObject) : BlockSelector.Latest;

    public string PathOf(int i, string name) => Path(i, name);
}
