using System.Numerics;
using Tachyon.Core.Numerics;
using static Tachyon.Core.Tests.Numerics.U256;

namespace Tachyon.Core.Tests.Numerics;

public class UInt256DivisionTests
{
    [Fact]
    public void DivideAndMod_MatchBigInteger()
    {
        foreach (var (a, b) in Pairs(10))
            CheckDivision(a, b);
    }

    [Fact]
    public void DivideAndMod_DivisorOfEveryWidth()
    {
        // Dividends of every limb count against divisors of every limb count, with the divisor's top
        // limb drawn from values that make the quotient-digit estimate need correction.
        var rng = new Random(11);
        ulong[] tops = [1, 2, 3, 0x7FFFFFFFFFFFFFFF, 0x8000000000000000, 0x8000000000000001, ulong.MaxValue, ulong.MaxValue - 1];
        Span<ulong> bl = stackalloc ulong[4];
        Span<ulong> al = stackalloc ulong[4];
        for (int i = 0; i < RandomCases; i++)
        {
            int bLimbs = rng.Next(1, 5);
            bl.Clear();
            al.Clear();
            for (int k = 0; k < bLimbs; k++)
                bl[k] = rng.Next(3) switch { 0 => ulong.MaxValue, 1 => 0, _ => NextULong(rng) };
            bl[bLimbs - 1] = rng.Next(2) == 0 ? tops[rng.Next(tops.Length)] : NextULong(rng) | 1;
            UInt256 b = new(bl[0], bl[1], bl[2], bl[3]);

            int aLimbs = rng.Next(bLimbs, 5);
            for (int k = 0; k < aLimbs; k++)
                al[k] = rng.Next(4) switch { 0 => ulong.MaxValue, 1 => 0, 2 => bl[Math.Min(k, bLimbs - 1)], _ => NextULong(rng) };
            UInt256 a = new(al[0], al[1], al[2], al[3]);
            CheckDivision(a, b);
        }
    }

    [Fact]
    public void Divide_ByZero_IsZero()
    {
        foreach (UInt256 a in Singles(12, 500))
        {
            UInt256.Divide(in a, in UInt256.Zero, out UInt256 q);
            UInt256.Mod(in a, in UInt256.Zero, out UInt256 r);
            UInt256.DivRem(in a, in UInt256.Zero, out UInt256 q2, out UInt256 r2);
            Assert.True(q.IsZero && r.IsZero && q2.IsZero && r2.IsZero);
            Assert.True((a / UInt256.Zero).IsZero && (a % UInt256.Zero).IsZero);
        }
    }

    private static void CheckDivision(UInt256 a, UInt256 b)
    {
        BigInteger x = Big(a), y = Big(b);
        BigInteger q = y.IsZero ? 0 : x / y;
        BigInteger r = y.IsZero ? 0 : x % y;
        string ctx = $"{Hex(a)} / {Hex(b)}";
        UInt256.Divide(in a, in b, out UInt256 q1);
        Equal(q, q1, ctx + " (Divide)");
        UInt256.Mod(in a, in b, out UInt256 r1);
        Equal(r, r1, ctx + " (Mod)");
        UInt256.DivRem(in a, in b, out UInt256 q2, out UInt256 r2);
        Equal(q, q2, ctx + " (DivRem quotient)");
        Equal(r, r2, ctx + " (DivRem remainder)");
        Equal(q, a / b, ctx + " (operator /)");
        Equal(r, a % b, ctx + " (operator %)");
    }

    [Fact]
    public void SignedDivideAndMod_MatchTwosComplement()
    {
        foreach (var (a, b) in Pairs(13))
        {
            BigInteger x = Signed(a), y = Signed(b);
            // BigInteger division truncates toward zero and its remainder takes the dividend's sign,
            // exactly as SDIV/SMOD; -2^255 / -1 = 2^255 wraps back to -2^255 when reduced mod 2^256.
            BigInteger q = y.IsZero ? 0 : BigInteger.Divide(x, y);
            BigInteger r = y.IsZero ? 0 : BigInteger.Remainder(x, y);
            UInt256.SignedDivide(in a, in b, out UInt256 sq);
            Equal(q & Mask, sq, $"SDIV {Hex(a)}, {Hex(b)}");
            UInt256.SignedMod(in a, in b, out UInt256 sr);
            Equal(r & Mask, sr, $"SMOD {Hex(a)}, {Hex(b)}");
        }
    }

    [Fact]
    public void SignedDivide_MinByMinusOne_Wraps()
    {
        UInt256 min = From(TwoPow255);
        UInt256 minusOne = UInt256.MaxValue;
        UInt256.SignedDivide(in min, in minusOne, out UInt256 q);
        Assert.Equal(min, q);
        UInt256.SignedMod(in min, in minusOne, out UInt256 r);
        Assert.True(r.IsZero);
    }

    [Fact]
    public void SignedMod_TakesSignOfDividend()
    {
        UInt256 minus7 = From(-7), three = From(3), minus3 = From(-3), seven = From(7);
        UInt256.SignedMod(in minus7, in three, out UInt256 r1);
        Assert.Equal(From(-1), r1);
        UInt256.SignedMod(in seven, in minus3, out UInt256 r2);
        Assert.Equal(From(1), r2);
        UInt256.SignedDivide(in minus7, in three, out UInt256 q1);
        Assert.Equal(From(-2), q1);
    }

    [Fact]
    public void AddMod_MatchesBigInteger()
    {
        foreach (var (a, b, m) in Triples(14))
            CheckAddMod(a, b, m);
        // Operands already reduced (the fast path) with a carry out of 256 bits.
        var rng = new Random(15);
        for (int i = 0; i < RandomCases; i++)
        {
            UInt256 m = Next(rng);
            if (m.IsZero) continue;
            UInt256 a = From(Big(Next(rng)) % Big(m)), b = From(Big(Next(rng)) % Big(m));
            CheckAddMod(a, b, m);
        }
    }

    private static void CheckAddMod(UInt256 a, UInt256 b, UInt256 m)
    {
        BigInteger expected = m.IsZero ? 0 : (Big(a) + Big(b)) % Big(m);
        UInt256.AddMod(in a, in b, in m, out UInt256 r);
        Equal(expected, r, $"ADDMOD {Hex(a)}, {Hex(b)}, {Hex(m)}");
    }

    [Fact]
    public void MulMod_MatchesBigInteger()
    {
        foreach (var (a, b, m) in Triples(16))
        {
            BigInteger expected = m.IsZero ? 0 : Big(a) * Big(b) % Big(m);
            UInt256.MulMod(in a, in b, in m, out UInt256 r);
            Equal(expected, r, $"MULMOD {Hex(a)}, {Hex(b)}, {Hex(m)}");
        }
    }

    [Fact]
    public void MulMod_ModulusOfEveryWidth()
    {
        var rng = new Random(17);
        for (int i = 0; i < RandomCases; i++)
        {
            UInt256 a = Next(rng), b = Next(rng);
            int bits = rng.Next(1, 257);
            UInt256 m = From((Big(Next(rng)) & ((BigInteger.One << bits) - 1)) | (BigInteger.One << (bits - 1)));
            BigInteger expected = Big(a) * Big(b) % Big(m);
            UInt256.MulMod(in a, in b, in m, out UInt256 r);
            Equal(expected, r, $"MULMOD {Hex(a)}, {Hex(b)}, {Hex(m)}");
        }
    }

    [Fact]
    public void PortableDivision_MatchesBigInteger()
    {
        // The reciprocal-based word division that non-x64 machines run, exercised here on any machine.
        foreach (var (a, b) in Pairs(20))
        {
            BigInteger x = Big(a), y = Big(b);
            UInt256.DivRemPortable(in a, in b, out UInt256 q, out UInt256 r);
            Equal(y.IsZero ? 0 : x / y, q, $"portable {Hex(a)} / {Hex(b)}");
            Equal(y.IsZero ? 0 : x % y, r, $"portable {Hex(a)} % {Hex(b)}");
        }
        foreach (var (a, b, m) in Triples(21))
        {
            UInt256.MulModPortable(in a, in b, in m, out UInt256 r);
            Equal(m.IsZero ? 0 : Big(a) * Big(b) % Big(m), r, $"portable MULMOD {Hex(a)}, {Hex(b)}, {Hex(m)}");
        }
    }

    [Fact]
    public void Reciprocal_MatchesDefinition()
    {
        var rng = new Random(18);
        ulong[] specials = [1UL << 63, (1UL << 63) + 1, ulong.MaxValue, ulong.MaxValue - 1, 0xC000000000000000, 10_000_000_000_000_000_000UL];
        IEnumerable<ulong> Ds()
        {
            foreach (ulong s in specials) yield return s;
            for (int top = 256; top < 512; top++)
            {
                yield return (ulong)top << 55;                      // every table entry, lowest d
                yield return ((ulong)top << 55) | ((1UL << 55) - 1); // and highest d
            }
            for (int i = 0; i < 200_000; i++) yield return NextULong(rng) | (1UL << 63);
        }
        foreach (ulong d in Ds())
        {
            UInt128 expected = UInt128.MaxValue / d - ((UInt128)1 << 64);
            Assert.True((ulong)expected == UInt256.Reciprocal(d), $"reciprocal of 0x{d:x16}");
        }
    }

    [Fact]
    public void Divide2By1_MatchesUInt128()
    {
        var rng = new Random(19);
        for (int i = 0; i < 200_000; i++)
        {
            ulong d = NextULong(rng) | (1UL << 63);
            if (i % 7 == 0) d = i % 2 == 0 ? ulong.MaxValue : 1UL << 63;
            ulong u1 = i % 5 == 0 ? d - 1 : NextULong(rng) % d;
            ulong u0 = i % 3 == 0 ? ulong.MaxValue : NextULong(rng);
            ulong q = UInt256.Divide2By1(u1, u0, d, UInt256.Reciprocal(d), out ulong r);
            UInt128 n = ((UInt128)u1 << 64) | u0;
            Assert.True(q == (ulong)(n / d) && r == (ulong)(n % d), $"(0x{u1:x16}:{u0:x16}) / 0x{d:x16}");
        }
    }
}
