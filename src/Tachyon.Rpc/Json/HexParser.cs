using Tachyon.Core.Numerics;
using Tachyon.Core.Types;

namespace Tachyon.Rpc.Json;

/// <summary>
/// Strict parsing of request hex: QUANTITY must be "0x" + 1..n digits with no leading zeros
/// (except "0x0"); DATA must be "0x" + an even number of digits. Each method returns an error
/// phrase (for the -32602 message) or null on success.
/// </summary>
public static class HexParser
{
    public static string? TryQuantity(ReadOnlySpan<char> s, out ulong value)
    {
        value = 0;
        string? error = CheckQuantity(s, 16);
        if (error is not null) return error;
        foreach (char c in s[2..]) value = (value << 4) | (uint)Hex.Nibble(c);
        return null;
    }

    public static string? TryQuantity(ReadOnlySpan<char> s, out UInt256 value)
    {
        value = default;
        string? error = CheckQuantity(s, 64);
        if (error is not null) return error;
        return UInt256.TryParse(s, out value) ? null : "invalid hex number";
    }

    private static string? CheckQuantity(ReadOnlySpan<char> s, int maxDigits)
    {
        if (s.Length == 0) return "empty hex string";
        if (s.Length < 2 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X')) return "hex string without 0x prefix";
        ReadOnlySpan<char> digits = s[2..];
        if (digits.Length == 0) return "hex string \"0x\"";
        foreach (char c in digits)
            if (Hex.Nibble(c) < 0) return "invalid hex string";
        if (digits.Length > 1 && digits[0] == '0') return "hex number with leading zero digits";
        if (digits.Length > maxDigits) return maxDigits == 16 ? "hex number > 64 bits" : "hex number > 256 bits";
        return null;
    }

    /// <summary>A 256-bit word given as hex that may be zero-padded (storage slots, proof keys): up to 64 digits.</summary>
    public static string? TryWord(ReadOnlySpan<char> s, out UInt256 value)
    {
        value = default;
        if (s.Length < 2 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X')) return "hex string without 0x prefix";
        ReadOnlySpan<char> digits = s[2..];
        if (digits.Length == 0) return "hex string \"0x\"";
        if (digits.Length > 64) return "hex string longer than 32 bytes";
        Span<byte> bytes = stackalloc byte[32];
        bytes.Clear();
        int n = (digits.Length + 1) / 2;
        if (!Hex.TryDecode(digits, bytes[(32 - n)..])) return "invalid hex string";
        value = UInt256.FromBigEndian(bytes);
        return null;
    }

    public static string? TryData(ReadOnlySpan<char> s, out byte[] bytes)
    {
        bytes = [];
        if (s.Length < 2 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X')) return "hex string without 0x prefix";
        ReadOnlySpan<char> digits = s[2..];
        if ((digits.Length & 1) != 0) return "hex string of odd length";
        byte[] result = digits.Length == 0 ? [] : new byte[digits.Length / 2];
        if (!Hex.TryDecode(digits, result)) return "invalid hex string";
        bytes = result;
        return null;
    }

    /// <summary><see cref="TryData(ReadOnlySpan{char}, out byte[])"/> over UTF-8 text (a JSON string's raw bytes): no string needed.</summary>
    public static string? TryData(ReadOnlySpan<byte> s, out byte[] bytes)
    {
        bytes = [];
        if (s.Length < 2 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X')) return "hex string without 0x prefix";
        ReadOnlySpan<byte> digits = s[2..];
        if ((digits.Length & 1) != 0) return "hex string of odd length";
        byte[] result = digits.Length == 0 ? [] : new byte[digits.Length / 2];
        if (Convert.FromHexString(digits, result, out _, out int written) != System.Buffers.OperationStatus.Done || written != result.Length)
            return "invalid hex string";
        bytes = result;
        return null;
    }

    public static string? TryFixed(ReadOnlySpan<char> s, Span<byte> destination, string what)
    {
        if (s.Length < 2 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X')) return "hex string without 0x prefix";
        ReadOnlySpan<char> digits = s[2..];
        if (digits.Length != destination.Length * 2)
            return $"hex string has length {digits.Length}, want {destination.Length * 2} for {what}";
        return Hex.TryDecode(digits, destination) ? null : "invalid hex string";
    }

    public static string? TryAddress(ReadOnlySpan<char> s, out Address address)
    {
        address = default;
        return TryFixed(s, address.AsWritableSpan(), "common.Address");
    }

    public static string? TryHash(ReadOnlySpan<char> s, out Hash256 hash)
    {
        hash = default;
        return TryFixed(s, hash.AsWritableSpan(), "common.Hash");
    }
}
