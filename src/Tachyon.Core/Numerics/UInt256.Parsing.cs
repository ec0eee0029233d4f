using System.Runtime.CompilerServices;

namespace Tachyon.Core.Numerics;

// Text: parsing of "0x" hex and plain decimal, and decimal/hex formatting.
//
// Parsing accepts either "0x"/"0X" followed by 1..n hex digits (either case), or 1..n decimal digits.
// Leading zeros are allowed; signs, whitespace, underscores and any other character are rejected,
// as is any value of 2^256 or more.
//
// Formats: null/""/"D"/"d"/"G"/"g" = decimal; "x"/"X" = minimal lowercase/uppercase hex without prefix.
// An optional precision gives the minimum number of digits (zero padded), e.g. "x64" or "D5".
public readonly partial struct UInt256 : ISpanFormattable
{
    private const ulong TenPow19 = 10_000_000_000_000_000_000UL; // >= 2^63, so already normalized
    private const int MaxDecimalDigits = 78; // 2^256 - 1 has 78 decimal digits
    private const int MaxPrecision = 1000;

    private enum ParseError
    {
        None,
        Empty,
        NoHexDigits,
        InvalidHexDigit,
        InvalidDecimalDigit,
        Overflow,
    }

    /// <summary>Parses "0x"-prefixed hex or plain decimal; throws FormatException (with the reason) on bad input.</summary>
    public static UInt256 Parse(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return Parse(s.AsSpan());
    }

    /// <summary>Parses "0x"-prefixed hex or plain decimal; throws FormatException (with the reason) on bad input.</summary>
    public static UInt256 Parse(ReadOnlySpan<char> s)
    {
        ParseError error = TryParseCore(s, out UInt256 value, out int position);
        if (error != ParseError.None) throw new FormatException(DescribeParseError(error, s, position));
        return value;
    }

    public static bool TryParse(ReadOnlySpan<char> s, out UInt256 value) =>
        TryParseCore(s, out value, out _) == ParseError.None;

    public static bool TryParse(string? s, out UInt256 value)
    {
        if (s is null)
        {
            value = default;
            return false;
        }
        return TryParse(s.AsSpan(), out value);
    }

    private static ParseError TryParseCore(ReadOnlySpan<char> s, out UInt256 value, out int position)
    {
        value = default;
        position = -1;
        if (s.IsEmpty) return ParseError.Empty;
        if (s.Length >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
            return ParseHex(s, out value, out position);
        return ParseDecimal(s, out value, out position);
    }

    private static ParseError ParseHex(ReadOnlySpan<char> s, out UInt256 value, out int position)
    {
        value = default;
        position = -1;
        if (s.Length == 2) return ParseError.NoHexDigits;

        for (int i = 2; i < s.Length; i++)
        {
            if (HexValue(s[i]) < 0)
            {
                position = i;
                return ParseError.InvalidHexDigit;
            }
        }

        int start = 2;
        while (start < s.Length - 1 && s[start] == '0') start++;
        int count = s.Length - start;
        if (count > 64) return ParseError.Overflow;

        ulong u0 = 0, u1 = 0, u2 = 0, u3 = 0;
        for (int i = start; i < s.Length; i++)
        {
            int fromRight = s.Length - 1 - i; // nibble index, 0 = least significant
            ulong nibble = (ulong)HexValue(s[i]) << ((fromRight & 15) << 2);
            switch (fromRight >> 4)
            {
                case 0: u0 |= nibble; break;
                case 1: u1 |= nibble; break;
                case 2: u2 |= nibble; break;
                default: u3 |= nibble; break;
            }
        }
        value = new UInt256(u0, u1, u2, u3);
        return ParseError.None;
    }

    private static ParseError ParseDecimal(ReadOnlySpan<char> s, out UInt256 value, out int position)
    {
        value = default;
        position = -1;
        for (int i = 0; i < s.Length; i++)
        {
            if ((uint)(s[i] - '0') > 9)
            {
                position = i;
                return ParseError.InvalidDecimalDigit;
            }
        }

        int start = 0;
        while (start < s.Length - 1 && s[start] == '0') start++;
        ReadOnlySpan<char> digits = s[start..];
        if (digits.Length > MaxDecimalDigits) return ParseError.Overflow;

        // Consume 19-digit chunks (the first one shorter): value = value * 10^len + chunk.
        ulong u0 = 0, u1 = 0, u2 = 0, u3 = 0;
        int chunk = digits.Length % 19;
        if (chunk == 0) chunk = 19;
        int pos = 0;
        while (pos < digits.Length)
        {
            ulong part = 0, scale = 1;
            for (int i = 0; i < chunk; i++)
            {
                part = part * 10 + (ulong)(digits[pos + i] - '0');
                scale *= 10;
            }
            pos += chunk;
            chunk = 19;

            ulong carry = part;
            u0 = MulAdd(u0, scale, 0, ref carry);
            u1 = MulAdd(u1, scale, 0, ref carry);
            u2 = MulAdd(u2, scale, 0, ref carry);
            u3 = MulAdd(u3, scale, 0, ref carry);
            if (carry != 0) return ParseError.Overflow;
        }
        value = new UInt256(u0, u1, u2, u3);
        return ParseError.None;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int HexValue(char c)
    {
        if ((uint)(c - '0') <= 9) return c - '0';
        uint lower = (uint)(c | 0x20) - 'a';
        return lower <= 5 ? (int)lower + 10 : -1;
    }

    private static string DescribeParseError(ParseError error, ReadOnlySpan<char> s, int position)
    {
        string shown = s.Length <= 80 ? s.ToString() : string.Concat(s[..77], "...");
        return error switch
        {
            ParseError.Empty => "cannot parse UInt256 from an empty string",
            ParseError.NoHexDigits => "cannot parse UInt256: no hex digits after the 0x prefix",
            ParseError.InvalidHexDigit =>
                $"cannot parse UInt256 from \"{shown}\": invalid hex digit '{s[position]}' at position {position}",
            ParseError.InvalidDecimalDigit =>
                $"cannot parse UInt256 from \"{shown}\": invalid decimal digit '{s[position]}' at position {position} (use a 0x prefix for hex)",
            ParseError.Overflow => $"cannot parse UInt256 from \"{shown}\": value exceeds 2^256 - 1",
            _ => "cannot parse UInt256",
        };
    }

    /// <summary>Decimal representation.</summary>
    public override string ToString()
    {
        if (IsUInt64) return U0.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Span<char> buffer = stackalloc char[MaxDecimalDigits];
        int n = WriteDecimal(buffer);
        return new string(buffer[(MaxDecimalDigits - n)..]);
    }

    /// <summary>"0x" followed by the minimal lowercase hex digits ("0x0" for zero): the JSON-RPC QUANTITY form.</summary>
    [SkipLocalsInit]
    public string ToHexString()
    {
        Span<char> buffer = stackalloc char[66];
        buffer[0] = '0';
        buffer[1] = 'x';
        int n = WriteHex(buffer[2..], HexDigitCount, lowercase: true);
        return new string(buffer[..(n + 2)]);
    }

    /// <summary>Formats with "D"/"G" (decimal, the default) or "x"/"X" (hex without prefix), each with an optional minimum digit count.</summary>
    public string ToString(string? format) => ToString(format, null);

    public string ToString(string? format, IFormatProvider? formatProvider)
    {
        ParseFormat(format, out bool hex, out bool lowercase, out int precision);
        if (!hex && precision == 0) return ToString();
        int natural = hex ? HexDigitCount : DecimalDigitCount();
        int length = Math.Max(natural, precision);
        return string.Create(length, (Value: this, Hex: hex, Lower: lowercase, Natural: natural), static (span, st) =>
        {
            int pad = span.Length - st.Natural;
            span[..pad].Fill('0');
            if (st.Hex) st.Value.WriteHex(span[pad..], st.Natural, st.Lower);
            else st.Value.WriteDecimalTo(span[pad..]);
        });
    }

    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        ParseFormat(format, out bool hex, out bool lowercase, out int precision);
        int natural = hex ? HexDigitCount : DecimalDigitCount();
        int length = Math.Max(natural, precision);
        if (destination.Length < length)
        {
            charsWritten = 0;
            return false;
        }
        int pad = length - natural;
        destination[..pad].Fill('0');
        if (hex) WriteHex(destination[pad..], natural, lowercase);
        else WriteDecimalTo(destination.Slice(pad, natural));
        charsWritten = length;
        return true;
    }

    private static void ParseFormat(ReadOnlySpan<char> format, out bool hex, out bool lowercase, out int precision)
    {
        hex = false;
        lowercase = false;
        precision = 0;
        if (format.IsEmpty) return;
        switch (format[0])
        {
            case 'D': case 'd': case 'G': case 'g': break;
            case 'x': hex = true; lowercase = true; break;
            case 'X': hex = true; break;
            default: throw new FormatException($"unsupported UInt256 format \"{format.ToString()}\" (use D, x or X with an optional digit count)");
        }
        for (int i = 1; i < format.Length; i++)
        {
            int digit = format[i] - '0';
            if ((uint)digit > 9 || (precision = precision * 10 + digit) > MaxPrecision)
                throw new FormatException($"invalid UInt256 format \"{format.ToString()}\": the digit count must be 0..{MaxPrecision}");
        }
    }

    /// <summary>Number of minimal hex digits (1 for zero).</summary>
    private int HexDigitCount => Math.Max(1, (BitLength + 3) >> 2);

    /// <summary>Writes the low <paramref name="count"/> nibbles, most significant first, to the start of destination.</summary>
    private int WriteHex(Span<char> destination, int count, bool lowercase)
    {
        ReadOnlySpan<byte> digits = lowercase ? "0123456789abcdef"u8 : "0123456789ABCDEF"u8;
        for (int i = 0; i < count; i++)
        {
            int nibbleIndex = count - 1 - i;
            ulong limb = (nibbleIndex >> 4) switch { 0 => U0, 1 => U1, 2 => U2, _ => U3 };
            destination[i] = (char)digits[(int)(limb >> ((nibbleIndex & 15) << 2)) & 0xF];
        }
        return count;
    }

    [SkipLocalsInit]
    private int DecimalDigitCount()
    {
        if (IsUInt64) return CountDigits(U0);
        Span<char> buffer = stackalloc char[MaxDecimalDigits];
        return WriteDecimal(buffer);
    }

    private static int CountDigits(ulong v)
    {
        int n = 1;
        while (v >= 10)
        {
            v /= 10;
            n++;
        }
        return n;
    }

    /// <summary>Writes exactly DecimalDigitCount() digits to the start of destination.</summary>
    [SkipLocalsInit]
    private void WriteDecimalTo(Span<char> destination)
    {
        Span<char> buffer = stackalloc char[MaxDecimalDigits];
        int n = WriteDecimal(buffer);
        buffer[(MaxDecimalDigits - n)..].CopyTo(destination);
    }

    /// <summary>Writes the decimal digits right-aligned at the end of a 78-char buffer; returns how many.</summary>
    private int WriteDecimal(Span<char> buffer)
    {
        ulong u0 = U0, u1 = U1, u2 = U2, u3 = U3;
        ulong v = Reciprocal(TenPow19);
        int end = buffer.Length;
        while (true)
        {
            // (u3..u0) = (u3..u0) / 10^19, r = the remainder: the next 19 digits from the right.
            ulong r = 0;
            u3 = Divide2By1(r, u3, TenPow19, v, out r);
            u2 = Divide2By1(r, u2, TenPow19, v, out r);
            u1 = Divide2By1(r, u1, TenPow19, v, out r);
            u0 = Divide2By1(r, u0, TenPow19, v, out r);
            bool more = (u0 | u1 | u2 | u3) != 0;
            int written = 0;
            do
            {
                ulong q = r / 10;
                buffer[--end] = (char)('0' + (int)(r - q * 10));
                r = q;
                written++;
            } while (r != 0 || (more && written < 19));
            if (!more) return buffer.Length - end;
        }
    }
}
