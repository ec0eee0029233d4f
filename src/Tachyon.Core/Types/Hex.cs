using System.Runtime.CompilerServices;

namespace Tachyon.Core.Types;

/// <summary>Hex encoding helpers for the 0x-prefixed strings Ethereum uses everywhere.</summary>
public static class Hex
{
    private const string LowerDigits = "0123456789abcdef";

    /// <summary>Encodes bytes as lowercase hex, with "0x" unless <paramref name="prefix"/> is false.</summary>
    public static unsafe string ToHex(ReadOnlySpan<byte> bytes, bool prefix = true)
    {
        int len = bytes.Length * 2 + (prefix ? 2 : 0);
        // Pinned for the duration of string.Create, which may allocate (and so move unpinned data).
        fixed (byte* p = bytes)
        {
            return string.Create(len, ((nint)p, bytes.Length, prefix), static (dst, st) =>
            {
                var src = new ReadOnlySpan<byte>((byte*)st.Item1, st.Item2);
                int o = 0;
                if (st.Item3) { dst[0] = '0'; dst[1] = 'x'; o = 2; }
                WriteHex(src, dst[o..]);
            });
        }
    }

    /// <summary>Writes lowercase hex digits of <paramref name="bytes"/> into <paramref name="dst"/> (no prefix).</summary>
    public static void WriteHex(ReadOnlySpan<byte> bytes, Span<char> dst)
    {
        for (int i = 0; i < bytes.Length; i++)
        {
            dst[2 * i] = LowerDigits[bytes[i] >> 4];
            dst[2 * i + 1] = LowerDigits[bytes[i] & 0xF];
        }
    }

    /// <summary>Decodes hex with or without "0x"; an odd digit count gets an implied leading zero.</summary>
    /// <exception cref="FormatException">On a non-hex character.</exception>
    public static byte[] FromHex(ReadOnlySpan<char> hex)
    {
        if (!TryFromHex(hex, out byte[]? bytes))
            throw new FormatException($"invalid hex string: '{Truncate(hex)}'");
        return bytes;
    }

    public static bool TryFromHex(ReadOnlySpan<char> hex, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out byte[]? bytes)
    {
        hex = StripPrefix(hex);
        int n = (hex.Length + 1) / 2;
        byte[] result = n == 0 ? Array.Empty<byte>() : new byte[n];
        if (!TryDecode(hex, result))
        {
            bytes = null;
            return false;
        }
        bytes = result;
        return true;
    }

    /// <summary>Decodes into a destination whose length must be exactly (digits+1)/2.</summary>
    public static bool TryDecode(ReadOnlySpan<char> hex, Span<byte> dst)
    {
        hex = StripPrefix(hex);
        if ((hex.Length + 1) / 2 != dst.Length) return false;
        int si = 0, di = 0;
        if ((hex.Length & 1) == 1)
        {
            int lo = Nibble(hex[0]);
            if (lo < 0) return false;
            dst[0] = (byte)lo;
            si = 1; di = 1;
        }
        for (; si < hex.Length; si += 2, di++)
        {
            int hi = Nibble(hex[si]);
            int lo = Nibble(hex[si + 1]);
            if ((hi | lo) < 0) return false;
            dst[di] = (byte)((hi << 4) | lo);
        }
        return true;
    }

    public static ReadOnlySpan<char> StripPrefix(ReadOnlySpan<char> hex) =>
        hex.Length >= 2 && hex[0] == '0' && (hex[1] == 'x' || hex[1] == 'X') ? hex[2..] : hex;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Nibble(char c)
    {
        if ((uint)(c - '0') <= 9) return c - '0';
        int lc = c | 0x20;
        if ((uint)(lc - 'a') <= 5) return lc - 'a' + 10;
        return -1;
    }

    private static string Truncate(ReadOnlySpan<char> s) => s.Length <= 80 ? s.ToString() : string.Concat(s[..77], "...");
}
