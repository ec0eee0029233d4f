using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Tachyon.Core.Numerics;
using Tachyon.Core.Types;

namespace Tachyon.Core.Chain;

/// <summary>
/// The members of one JSON object with typed, path-aware readers, so every error names the field.
/// Keys match case-insensitively (as geth's decoder does); JSON null counts as absent.
/// </summary>
internal sealed class JsonFields
{
    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");
    private static readonly SearchValues<char> DecimalDigits = SearchValues.Create("0123456789");

    private readonly Dictionary<string, JsonElement> _members = new(StringComparer.OrdinalIgnoreCase);
    private readonly string _source;

    public JsonFields(JsonElement element, string path, string source)
    {
        _source = source;
        Path = path;
        if (element.ValueKind != JsonValueKind.Object)
            throw Error(path, $"expected a JSON object, got {Describe(element)}");
        foreach (JsonProperty member in element.EnumerateObject())
        {
            if (!_members.TryAdd(member.Name, member.Value))
                throw Error(PathOf(member.Name), "duplicate key");
        }
    }

    public string Path { get; }

    public IEnumerable<KeyValuePair<string, JsonElement>> Members => _members;

    public string PathOf(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    public bool TryGet(string key, out JsonElement value) =>
        _members.TryGetValue(key, out value) && value.ValueKind != JsonValueKind.Null;

    public JsonElement Required(string key) =>
        TryGet(key, out JsonElement value) ? value : throw Error(PathOf(key), "required field is missing");

    public JsonFields? Object(string key) => TryGet(key, out JsonElement value) ? Child(key, value) : null;

    /// <summary>The object <paramref name="value"/>, found under <paramref name="key"/> of this one.</summary>
    public JsonFields Child(string key, JsonElement value) => new(value, PathOf(key), _source);

    public ulong? UInt64(string key) => TryGet(key, out JsonElement v) ? ToUInt64(v, PathOf(key)) : null;
    public UInt256? UInt256(string key) => TryGet(key, out JsonElement v) ? ToUInt256(v, PathOf(key)) : null;
    public Hash256? Hash(string key) => TryGet(key, out JsonElement v) ? ToHash(v, PathOf(key)) : null;
    public Address? Address(string key) => TryGet(key, out JsonElement v) ? ToAddress(v, PathOf(key)) : null;
    public byte[]? Bytes(string key) => TryGet(key, out JsonElement v) ? ToBytes(v, PathOf(key)) : null;

    public ulong ToUInt64(JsonElement value, string path)
    {
        Numerics.UInt256 n = ToUInt256(value, path);
        if (!n.IsUInt64) throw Error(path, $"{Text(value)} does not fit in 64 bits");
        return n.U0;
    }

    /// <summary>A JSON number, or a string holding a decimal or 0x-prefixed hex number.</summary>
    public Numerics.UInt256 ToUInt256(JsonElement value, string path)
    {
        string text = value.ValueKind switch
        {
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.String => value.GetString()!,
            _ => throw Error(path, $"expected a number (decimal, or a hex string with 0x), got {Describe(value)}"),
        };
        ReadOnlySpan<char> digits = text.AsSpan();
        bool hex = digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase);
        if (hex) digits = digits[2..];
        if (digits.IsEmpty || digits.ContainsAnyExcept(hex ? HexDigits : DecimalDigits))
            throw Error(path, $"\"{text}\" is not an unsigned integer (decimal, or hex with 0x)");

        // Bound the work before BigInteger sees it: 2^256 has 78 decimal digits.
        ReadOnlySpan<char> significant = digits.TrimStart('0');
        if (significant.Length > (hex ? 64 : 78)) throw Error(path, $"{Text(value)} does not fit in 256 bits");

        BigInteger n = hex
            ? BigInteger.Parse(string.Concat("0", digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture)
            : BigInteger.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        if (n.GetBitLength() > 256) throw Error(path, $"{Text(value)} does not fit in 256 bits");
        return Numerics.UInt256.FromBigEndian(n.ToByteArray(isUnsigned: true, isBigEndian: true));
    }

    /// <summary>A 0x-prefixed hex string with an even number of digits.</summary>
    public byte[] ToBytes(JsonElement value, string path)
    {
        string text = ExpectString(value, path, "a hex byte string like \"0x12ab\"");
        ReadOnlySpan<char> digits = text.AsSpan();
        if (!digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || digits.Length % 2 != 0
            || !Hex.TryFromHex(digits, out byte[]? bytes))
            throw Error(path, $"\"{Shorten(text)}\" is not a 0x-prefixed hex byte string with an even number of digits");
        return bytes;
    }

    public Hash256 ToHash(JsonElement value, string path)
    {
        string text = ExpectString(value, path, "a 32-byte hex string");
        if (!Hash256.TryParse(text, out Hash256 hash)) throw Error(path, $"\"{Shorten(text)}\" is not a 32-byte hex string (64 digits)");
        return hash;
    }

    /// <summary>A storage key or value: hex of up to 32 bytes, left-padded with zeros.</summary>
    public Hash256 ToWord(string text, string path)
    {
        ReadOnlySpan<char> digits = Hex.StripPrefix(text);
        Span<byte> word = stackalloc byte[Hash256.Size];
        word.Clear();
        int length = (digits.Length + 1) / 2;
        if (digits.IsEmpty || digits.Length > 64 || !Hex.TryDecode(digits, word[(Hash256.Size - length)..]))
            throw Error(path, $"\"{Shorten(text)}\" is not a hex word of at most 32 bytes");
        return new Hash256(word);
    }

    public Address ToAddress(JsonElement value, string path) => ParseAddress(ExpectString(value, path, "a 20-byte hex address"), path);

    public Address ParseAddress(string text, string path)
    {
        if (!Types.Address.TryParse(text, out Address address))
            throw Error(path, $"\"{Shorten(text)}\" is not a 20-byte hex address (40 digits)");
        return address;
    }

    public GenesisFormatException Error(string path, string problem) =>
        new(path.Length == 0 ? $"{_source}: {problem}" : $"{_source}: {path}: {problem}");

    private string ExpectString(JsonElement value, string path, string what) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Error(path, $"expected {what}, got {Describe(value)}");

    private static string Text(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? $"\"{value.GetString()}\"" : value.GetRawText();

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string \"{Shorten(value.GetString()!)}\"",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => "null",
    };

    private static string Shorten(string s) => s.Length <= 80 ? s : string.Concat(s.AsSpan(0, 77), "...");
}
