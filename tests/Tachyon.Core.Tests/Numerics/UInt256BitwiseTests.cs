using System.Numerics;
using Tachyon.Core.Numerics;
using static Tachyon.Core.Tests.Numerics.U256;

namespace Tachyon.Core.Tests.Numerics;

public class UInt256BitwiseTests
{
    [Fact]
    public void AndOrXorNot_MatchBigInteger()
    {
        foreach (var (a, b) in Pairs(20))
        {
            BigInteger x = Big(a), y = Big(b);
            string ctx = $"{Hex(a)}, {Hex(b)}";
            UInt256.And(in a, in b, out UInt256 r);
            Equal(x & y, r, "AND " + ctx);
            UInt256.Or(in a, in b, out r);
            Equal(x | y, r, "OR " + ctx);
            UInt256.Xor(in a, in b, out r);
            Equal(x ^ y, r, "XOR " + ctx);
            UInt256.Not(in a, out r);
            Equal(Mask - x, r, "NOT " + ctx);
            Equal(x & y, a & b, "& " + ctx);
            Equal(x | y, a | b, "| " + ctx);
            Equal(x ^ y, a ^ b, "^ " + ctx);
            Equal(Mask - x, ~a, "~ " + ctx);
        }
    }

    [Fact]
    public void Byte_MatchesBigInteger()
    {
        var rng = new Random(21);
        foreach (UInt256 value in Singles(22, 2000))
        {
            for (int i = 0; i < 34; i++) CheckByte(From(i), value);
            CheckByte(Next(rng), value);
            CheckByte(From(BigInteger.One << 64), value); // high limbs set, low limb zero
        }
    }

    private static void CheckByte(UInt256 index, UInt256 value)
    {
        BigInteger i = Big(index);
        BigInteger expected = i >= 32 ? 0 : (Big(value) >> (8 * (31 - (int)i))) & 0xFF;
        UInt256.Byte(in index, in value, out UInt256 r);
        Equal(expected, r, $"BYTE {Hex(index)}, {Hex(value)}");
    }

    [Fact]
    public void Shifts_MatchBigInteger()
    {
        var rng = new Random(23);
        foreach (UInt256 value in Singles(24, 5000))
        {
            for (int k = 0; k < 12; k++)
            {
                int shift = k < 8 ? rng.Next(0, 260) : new[] { 0, 63, 64, 255 }[k - 8];
                CheckShifts(value, shift);
            }
        }
        foreach (UInt256 value in Edges)
            for (int shift = 0; shift <= 257; shift++)
                CheckShifts(value, shift);
    }

    private static void CheckShifts(UInt256 value, int shift)
    {
        BigInteger x = Big(value);
        string ctx = $"{Hex(value)} by {shift}";
        UInt256.ShiftLeft(in value, shift, out UInt256 r);
        Equal(shift >= 256 ? 0 : (x << shift) & Mask, r, "SHL " + ctx);
        Equal(shift >= 256 ? 0 : (x << shift) & Mask, value << shift, "<< " + ctx);
        UInt256.ShiftRight(in value, shift, out r);
        Equal(shift >= 256 ? 0 : x >> shift, r, "SHR " + ctx);
        Equal(shift >= 256 ? 0 : x >> shift, value >> shift, ">> " + ctx);
        UInt256.ArithmeticShiftRight(in value, shift, out r);
        // BigInteger's >> on a negative value rounds toward negative infinity: exactly SAR.
        Equal((Signed(value) >> Math.Min(shift, 300)) & Mask, r, "SAR " + ctx);
    }

    [Fact]
    public void Shifts_OutOfRangeCounts()
    {
        UInt256 negative = From(TwoPow255 + 12345), positive = From(12345);
        foreach (int shift in new[] { 256, 257, 1000, int.MaxValue, -1, -64, int.MinValue })
        {
            UInt256.ShiftLeft(in negative, shift, out UInt256 r);
            Assert.True(r.IsZero);
            UInt256.ShiftRight(in negative, shift, out r);
            Assert.True(r.IsZero);
            UInt256.ArithmeticShiftRight(in negative, shift, out r);
            Assert.Equal(UInt256.MaxValue, r);
            UInt256.ArithmeticShiftRight(in positive, shift, out r);
            Assert.True(r.IsZero);
        }
    }

    [Fact]
    public void SignExtend_MatchesTwosComplement()
    {
        var rng = new Random(25);
        foreach (UInt256 value in Singles(26, 3000))
        {
            for (int i = 0; i < 33; i++) CheckSignExtend(From(i), value);
            CheckSignExtend(Next(rng), value);
            CheckSignExtend(From((BigInteger.One << 64) + 3), value); // huge index: unchanged
        }
    }

    private static void CheckSignExtend(UInt256 index, UInt256 value)
    {
        BigInteger i = Big(index), x = Big(value);
        BigInteger expected = x;
        if (i < 31)
        {
            int bits = 8 * ((int)i + 1);
            BigInteger low = x & ((BigInteger.One << bits) - 1);
            expected = (low >> (bits - 1)).IsZero ? low : (low - (BigInteger.One << bits)) & Mask;
        }
        UInt256.SignExtend(in index, in value, out UInt256 r);
        Equal(expected, r, $"SIGNEXTEND {Hex(index)}, {Hex(value)}");
    }

    [Fact]
    public void SignExtend_Examples()
    {
        UInt256 v = From(0xFF);
        UInt256.SignExtend(in UInt256.Zero, in v, out UInt256 r);
        Assert.Equal(UInt256.MaxValue, r);
        v = From(0x7F);
        UInt256.SignExtend(in UInt256.Zero, in v, out r);
        Assert.Equal(From(0x7F), r);
        v = From(0x12_80FF);
        UInt256 one = UInt256.One;
        UInt256.SignExtend(in one, in v, out r);
        Assert.Equal(From(-0x7F01), r);
    }
}
