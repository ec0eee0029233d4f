using System.Runtime.InteropServices;
using System.Text.Json;
using Tachyon.Core.Numerics;
using Tachyon.Core.Types;
using Tachyon.Rpc.Backend;

namespace Tachyon.Rpc.Json;

/// <summary>
/// Typed reads of request values. <c>path</c> names the value in error messages, e.g.
/// "argument 0 (address)" or "argument 0.to"; every failure is a -32602 naming it and the reason.
/// </summary>
public static class JsonArgs
{
    public static RpcException Invalid(string path, string why) => RpcException.InvalidParams($"invalid {path}: {why}");

    public static string String(JsonElement e, string path)
    {
        if (e.ValueKind != JsonValueKind.String) throw Invalid(path, $"expected a string, got {Describe(e)}");
        return e.GetString()!;
    }

    public static ulong Quantity(JsonElement e, string path, bool allowNumber = false)
    {
        if (allowNumber && e.ValueKind == JsonValueKind.Number)
        {
            if (e.TryGetUInt64(out ulong n)) return n;
            throw Invalid(path, "expected a non-negative integer below 2^64");
        }
        string? error = HexParser.TryQuantity(String(e, path), out ulong value);
        return error is null ? value : throw Invalid(path, error);
    }

    public static UInt256 Quantity256(JsonElement e, string path)
    {
        string? error = HexParser.TryQuantity(String(e, path), out UInt256 value);
        return error is null ? value : throw Invalid(path, error);
    }

    public static UInt256 Word(JsonElement e, string path)
    {
        string? error = HexParser.TryWord(String(e, path), out UInt256 value);
        return error is null ? value : throw Invalid(path, error);
    }

    public static byte[] Data(JsonElement e, string path)
    {
        string? error;
        byte[] value;
        // Hex needs no JSON unescaping: decode the string's raw UTF-8 in place (no string allocated).
        ReadOnlySpan<byte> raw = e.ValueKind == JsonValueKind.String ? JsonMarshal.GetRawUtf8Value(e) : default;
        if (raw.Length >= 2 && raw.IndexOf((byte)'\\') < 0) error = HexParser.TryData(raw[1..^1], out value);
        else error = HexParser.TryData(String(e, path), out value);
        return error is null ? value : throw Invalid(path, error);
    }

    public static Address Address(JsonElement e, string path)
    {
        string? error = HexParser.TryAddress(String(e, path), out Address value);
        return error is null ? value : throw Invalid(path, error);
    }

    public static Hash256 Hash(JsonElement e, string path)
    {
        string? error = HexParser.TryHash(String(e, path), out Hash256 value);
        return error is null ? value : throw Invalid(path, error);
    }

    public static bool Bool(JsonElement e, string path) => e.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Invalid(path, $"expected a boolean, got {Describe(e)}"),
    };

    /// <summary>A block tag or number; with <paramref name="allowObject"/>, also an EIP-1898 {blockHash | blockNumber} object.</summary>
    public static BlockSelector Block(JsonElement e, string path, bool allowObject)
    {
        if (e.ValueKind == JsonValueKind.String)
        {
            string s = e.GetString()!;
            switch (s)
            {
                case "latest": return BlockSelector.Latest;
                case "pending": return BlockSelector.Pending;
                case "safe": return BlockSelector.Safe;
                case "finalized": return BlockSelector.Finalized;
                case "earliest": return BlockSelector.Earliest;
            }
            if (allowObject && s.Length == 66 && HexParser.TryHash(s, out Hash256 bare) is null)
                return BlockSelector.ByHash(bare); // geth accepts a bare hash here too
            string? error = HexParser.TryQuantity(s, out ulong number);
            if (error is not null)
                throw Invalid(path, $"expected a block tag (latest, pending, safe, finalized, earliest) or a hex block number: {error}");
            return BlockSelector.ByNumber(number);
        }
        if (allowObject && e.ValueKind == JsonValueKind.Object)
        {
            bool hasHash = e.TryGetProperty("blockHash", out JsonElement hashElement);
            bool hasNumber = e.TryGetProperty("blockNumber", out JsonElement numberElement);
            if (hasHash == hasNumber) throw Invalid(path, "the block object must have exactly one of blockHash and blockNumber");
            if (hasNumber) return Block(numberElement, path + ".blockNumber", allowObject: false);
            bool canonical = e.TryGetProperty("requireCanonical", out JsonElement rc) && Bool(rc, path + ".requireCanonical");
            return BlockSelector.ByHash(Hash(hashElement, path + ".blockHash"), canonical);
        }
        throw Invalid(path, allowObject
            ? $"expected a block tag, number or {{blockHash}} object, got {Describe(e)}"
            : $"expected a block tag or number, got {Describe(e)}");
    }

    public static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
