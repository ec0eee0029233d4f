using System.Numerics;
using Tachyon.Core.Numerics;
using static Tachyon.Core.Tests.Numerics.U256;

namespace Tachyon.Core.Tests.Numerics;

public class UInt256ParsingTests
{
    private const string MaxDecimal = "115792089237316195423570985008687907853269984665640564039457584007913129639935";
    private const string TwoPow256Decimal = "115792089237316195423570985008687907853269984665640564039457584007913129639936";

    [Fact]
    public void Decimal_RoundTrips()
    {
        foreach (UInt256 a in Singles(60))
        {
            string s = a.ToString();
            Assert.Equal(Big(a).ToString(), s);
            Assert.Equal(a, UInt256.Parse(s));
            Assert.True(UInt256.TryParse(s.AsSpan(), out UInt256 p) && p == a, s);
            Assert.Equal(s, a.ToString("D"));
            Assert.Equal(s, a.ToString("g"));
            Assert.Equal(s, a.ToString(null));
            Assert.Equal(s, $"{a}");
        }
    }

    [Fact]
    public void Hex_RoundTrips()
    {
        foreach (UInt256 a in Singles(61))
        {
            string digits = Big(a).ToString("x").TrimStart('0');
            if (digits.Length == 0) digits = "0";
            Assert.Equal("0x" + digits, a.ToHexString());
            Assert.Equal(digits, a.ToString("x"));
            Assert.Equal(digits.ToUpperInvariant(), a.ToString("X"));
            Assert.Equal(digits.PadLeft(64, '0'), a.ToString("x64"));
            Assert.Equal(a, UInt256.Parse(a.ToHexString()));
            Assert.Equal(a, UInt256.Parse("0X" + digits.ToUpperInvariant()));
            Assert.Equal(a, UInt256.Parse("0x" + digits.PadLeft(70, '0')));
            Assert.Equal($"{a:x}", digits);
        }
    }

    [Fact]
    public void Known_Values()
    {
        Assert.Equal("0x0", UInt256.Zero.ToHexString());
        Assert.Equal("0x1", UInt256.One.ToHexString());
        Assert.Equal("0x400", new UInt256(1024).ToHexString());
        Assert.Equal("0", UInt256.Zero.ToString());
        Assert.Equal(MaxDecimal, UInt256.MaxValue.ToString());
        Assert.Equal("0x" + new string('f', 64), UInt256.MaxValue.ToHexString());
        Assert.Equal(UInt256.MaxValue, UInt256.Parse(MaxDecimal));
        Assert.Equal(UInt256.MaxValue, UInt256.Parse("0x" + new string('F', 64)));
        Assert.Equal(new UInt256(123), UInt256.Parse("000123"));
        Assert.Equal(new UInt256(0xabcdef), UInt256.Parse("0xAbCdEf"));
        Assert.Equal(UInt256.Zero, UInt256.Parse("0"));
        Assert.Equal(UInt256.Zero, UInt256.Parse("0x0"));
        Assert.Equal(UInt256.Zero, UInt256.Parse("0x0000"));
        Assert.Equal(new UInt256(10_000_000_000_000_000_000UL), UInt256.Parse("10000000000000000000"));
        Assert.Equal(new UInt256(0, 1), UInt256.Parse("18446744073709551616"));
        Assert.Equal("00042", new UInt256(42).ToString("D5"));
        Assert.Equal("002A", new UInt256(42).ToString("X4"));
        Assert.Equal("0", UInt256.Zero.ToString("x"));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("0x", "no hex digits")]
    [InlineData("0X", "no hex digits")]
    [InlineData("0xg", "invalid hex digit 'g' at position 2")]
    [InlineData("0x12 ", "invalid hex digit ' ' at position 4")]
    [InlineData("0x-1", "invalid hex digit '-' at position 2")]
    [InlineData("0x0x1", "invalid hex digit 'x' at position 3")]
    [InlineData("12a", "invalid decimal digit 'a' at position 2")]
    [InlineData("-1", "invalid decimal digit '-' at position 0")]
    [InlineData("+1", "invalid decimal digit '+' at position 0")]
    [InlineData(" 1", "invalid decimal digit ' ' at position 0")]
    [InlineData("1_000", "invalid decimal digit '_' at position 1")]
    [InlineData("x12", "invalid decimal digit 'x' at position 0")]
    [InlineData("1.5", "invalid decimal digit '.' at position 1")]
    [InlineData(TwoPow256Decimal, "exceeds 2^256 - 1")]
    [InlineData("999999999999999999999999999999999999999999999999999999999999999999999999999999", "exceeds 2^256 - 1")]
    [InlineData("1000000000000000000000000000000000000000000000000000000000000000000000000000000000", "exceeds 2^256 - 1")]
    [InlineData("0x10000000000000000000000000000000000000000000000000000000000000000", "exceeds 2^256 - 1")]
    public void Parse_RejectsBadInput(string input, string messagePart)
    {
        var ex = Assert.Throws<FormatException>(() => UInt256.Parse(input));
        Assert.Contains(messagePart, ex.Message);
        Assert.False(UInt256.TryParse(input, out UInt256 v));
        Assert.True(v.IsZero);
        Assert.False(UInt256.TryParse(input.AsSpan(), out _));
    }

    [Fact]
    public void Parse_Null()
    {
        Assert.Throws<ArgumentNullException>(() => UInt256.Parse(null!));
        Assert.False(UInt256.TryParse((string?)null, out _));
    }

    [Fact]
    public void Parse_RandomDecimalStringsNearTheLimit()
    {
        var rng = new Random(62);
        for (int i = 0; i < RandomCases; i++)
        {
            int len = rng.Next(1, 82);
            var chars = new char[len];
            for (int k = 0; k < len; k++) chars[k] = (char)('0' + rng.Next(10));
            string s = new(chars);
            BigInteger expected = BigInteger.Parse(s);
            bool ok = UInt256.TryParse(s, out UInt256 v);
            Assert.True(ok == expected < TwoPow256, s);
            if (ok) Assert.Equal(expected, Big(v));
        }
    }

    [Fact]
    public void Format_Errors_And_TryFormat()
    {
        UInt256 v = UInt256.Parse("0x1234");
        Assert.Throws<FormatException>(() => v.ToString("N"));
        Assert.Throws<FormatException>(() => v.ToString("x1a"));
        Assert.Throws<FormatException>(() => v.ToString("x100000"));

        Span<char> small = stackalloc char[3];
        Assert.False(v.TryFormat(small, out int n, "x", null));
        Assert.Equal(0, n);
        Span<char> big = stackalloc char[100];
        Assert.True(v.TryFormat(big, out n, "x", null));
        Assert.Equal("1234", big[..n].ToString());
        Assert.True(v.TryFormat(big, out n, "", null));
        Assert.Equal("4660", big[..n].ToString());
        Assert.True(v.TryFormat(big, out n, "D8", null));
        Assert.Equal("00004660", big[..n].ToString());
        Assert.True(UInt256.MaxValue.TryFormat(big, out n, default, null));
        Assert.Equal(MaxDecimal, big[..n].ToString());
    }
}
