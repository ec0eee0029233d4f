using System.Numerics;
using Tachyon.Core.Numerics;
using static Tachyon.Core.Tests.Numerics.U256;

namespace Tachyon.Core.Tests.Numerics;

/// <summary>
/// Every division path (per divisor width, hardware and portable word division, the long-division path
/// that MULMOD and ADDMOD use) against BigInteger, on operands whose widths are drawn independently, so
/// that each divisor limb count meets dividends both above and below it.
/// </summary>
public class UInt256DivisionPathTests
{
    /// <summary>A value of exactly <paramref name="bits"/> bits (0 gives 0), random below the top bit, limbs sometimes extreme.</summary>
    private static UInt256 OfWidth(Random rng, int bits)
    {
        if (bits == 0) return UInt256.Zero;
        BigInteger v = rng.Next(4) switch
        {
            0 => (BigInteger.One << bits) - 1,                                  // all ones
            1 => BigInteger.One << (bits - 1),                                  // a lone top bit
            _ => (Big(Next(rng)) & ((BigInteger.One << bits) - 1)) | (BigInteger.One << (bits - 1)),
        };
        return From(v);
    }

    private static IEnumerable<(UInt256 A, UInt256 B)> WidthPairs(int seed)
    {
        var rng = new Random(seed);
        for (int i = 0; i < RandomCases; i++)
        {
            // Widths at limb boundaries (63, 64, 65, 128, 192, 256 ...) are as likely as any other.
            int aBits = rng.Next(3) == 0 ? 64 * rng.Next(5) + rng.Next(-1, 2) : rng.Next(257);
            int bBits = rng.Next(3) == 0 ? 64 * rng.Next(1, 5) + rng.Next(-1, 2) : rng.Next(1, 257);
            yield return (OfWidth(rng, Math.Clamp(aBits, 0, 256)), OfWidth(rng, Math.Clamp(bBits, 1, 256)));
        }
    }

    [Fact]
    public void EveryPath_MatchesBigInteger_ForIndependentWidths()
    {
        int below = 0;
        foreach (var (a, b) in WidthPairs(31))
        {
            BigInteger x = Big(a), y = Big(b);
            BigInteger q = x / y, r = x % y;
            if (x < y) below++;
            string ctx = $"{Hex(a)} / {Hex(b)}";
            UInt256.DivRem(in a, in b, out UInt256 q1, out UInt256 r1);
            Equal(q, q1, ctx + " (DivRem)");
            Equal(r, r1, ctx + " (DivRem remainder)");
            UInt256.Divide(in a, in b, out q1);
            Equal(q, q1, ctx + " (Divide)");
            UInt256.Mod(in a, in b, out r1);
            Equal(r, r1, ctx + " (Mod)");
            UInt256.DivRemPortable(in a, in b, out q1, out r1);
            Equal(q, q1, ctx + " (portable)");
            Equal(r, r1, ctx + " (portable remainder)");
            UInt256.DivRemLong<UInt256.NativeDivider>(in a, in b, out q1, out r1);
            Equal(q, q1, ctx + " (long)");
            Equal(r, r1, ctx + " (long remainder)");
            UInt256.DivRemLong<UInt256.PortableDivider>(in a, in b, out q1, out r1);
            Equal(q, q1, ctx + " (long portable)");
            Equal(r, r1, ctx + " (long portable remainder)");
        }
        Assert.InRange(below, RandomCases / 5, RandomCases * 4 / 5); // both dividend < divisor and above
    }

    [Fact]
    public void QuotientDigitsAtTheirMaximum_MatchBigInteger()
    {
        // a = b*k + r with k made of all-ones digits and r just below b: the quotient-digit estimate then
        // meets its corner cases (top remainder limbs equal to the divisor's, digit 2^64 - 1, add-back).
        var rng = new Random(32);
        BigInteger[] ks = [ulong.MaxValue, ulong.MaxValue - 1, (BigInteger.One << 128) - 1, (BigInteger.One << 128) - 2,
            (BigInteger.One << 192) - 1, ((BigInteger)ulong.MaxValue << 64) | 1];
        for (int i = 0; i < RandomCases; i++)
        {
            UInt256 b = OfWidth(rng, rng.Next(2) == 0 ? 64 * rng.Next(1, 4) : rng.Next(65, 193));
            BigInteger y = Big(b);
            BigInteger k = ks[rng.Next(ks.Length)];
            BigInteger r = rng.Next(3) switch { 0 => y - 1, 1 => 0, _ => Big(Next(rng)) % y };
            BigInteger x = y * k + r;
            if (x >= TwoPow256) continue;
            UInt256 a = From(x);
            UInt256.DivRem(in a, in b, out UInt256 q1, out UInt256 r1);
            Equal(k, q1, $"{Hex(a)} / {Hex(b)}");
            Equal(r, r1, $"{Hex(a)} % {Hex(b)}");
            UInt256.DivRemPortable(in a, in b, out q1, out r1);
            Equal(k, q1, $"portable {Hex(a)} / {Hex(b)}");
            UInt256.DivRemLong<UInt256.NativeDivider>(in a, in b, out q1, out r1);
            Equal(k, q1, $"long {Hex(a)} / {Hex(b)}");
            Equal(r, r1, $"long {Hex(a)} % {Hex(b)}");
        }
    }

    [Fact]
    public void OperandsOfTheSameMagnitude_MatchBigInteger_AroundTheQuotientIsOneTest()
    {
        // The quotient-is-one shortcut tests only the top limbs (aTop < 2*bTop); put the dividend's top
        // limb on each side of that bound (quotients 1, 2 and 3 meet it), for every divisor width, with
        // the lower limbs random, all ones or zero. Outputs also alias the inputs.
        var rng = new Random(37);
        for (int i = 0; i < RandomCases; i++)
        {
            int limbs = rng.Next(2, 5), top = limbs - 1;
            UInt256 b = OfWidth(rng, 64 * top + rng.Next(1, 65));
            ulong bTop = Limb(b, top);
            ulong aTop = rng.Next(6) switch
            {
                0 => bTop,
                1 => bTop + 1,
                2 => 2 * bTop - 1,
                3 => 2 * bTop,
                4 => 2 * bTop + 1,
                _ => bTop + (ulong)rng.NextInt64(),
            };
            if (aTop < bTop) aTop = ulong.MaxValue; // the bound overflowed a limb
            ulong Low() => rng.Next(3) switch { 0 => 0, 1 => ulong.MaxValue, _ => NextULong(rng) };
            var l = new ulong[4];
            for (int j = 0; j < top; j++) l[j] = Low();
            l[top] = aTop;
            var a = new UInt256(l[0], l[1], l[2], l[3]);
            CheckEveryEntryWithAliasing(a, b, $"{Hex(a)} / {Hex(b)}");
        }
    }

    [Fact]
    public void AddMod_MatchesBigInteger_ForFourLimbModuliAndOperandsAboveThem()
    {
        // The four-limb-modulus path reduces each operand first: operands below, at and above the
        // modulus, sums that carry out of 256 bits, and the result written over an input.
        var rng = new Random(39);
        for (int i = 0; i < RandomCases; i++)
        {
            UInt256 m = OfWidth(rng, rng.Next(193, 257));
            UInt256 a = rng.Next(8) == 0 ? m : OfWidth(rng, rng.Next(180, 257));
            UInt256 b = rng.Next(8) == 0 ? UInt256.MaxValue : OfWidth(rng, rng.Next(180, 257));
            BigInteger expected = (Big(a) + Big(b)) % Big(m);
            string ctx = $"ADDMOD {Hex(a)}, {Hex(b)}, {Hex(m)}";
            UInt256.AddMod(in a, in b, in m, out UInt256 r);
            Equal(expected, r, ctx);
            UInt256 x = a;
            UInt256.AddMod(in x, in b, in m, out x);
            Equal(expected, x, ctx + " (into a)");
            x = m;
            UInt256.AddMod(in a, in b, in x, out x);
            Equal(expected, x, ctx + " (into m)");
        }
    }

    [Fact]
    public void PowerOfTwoDivisors_MatchBigInteger_ForEveryExponent()
    {
        // The shift-and-mask path: every 2^k, dividends above and below it, outputs aliasing the inputs.
        var rng = new Random(38);
        for (int k = 0; k < 256; k++)
        {
            UInt256 b = UInt256.One << k;
            for (int i = 0; i < 40; i++)
            {
                UInt256 a = i == 0 ? UInt256.MaxValue : OfWidth(rng, rng.Next(257));
                CheckEveryEntryWithAliasing(a, b, $"{Hex(a)} / 2^{k}");
            }
        }
    }

    /// <summary>DivRem, Divide and Mod against BigInteger, plain and with the outputs written over the inputs.</summary>
    private static void CheckEveryEntryWithAliasing(UInt256 a, UInt256 b, string ctx)
    {
        BigInteger x = Big(a), y = Big(b);
        UInt256.DivRem(in a, in b, out UInt256 q1, out UInt256 r1);
        Equal(x / y, q1, ctx);
        Equal(x % y, r1, ctx + " (remainder)");
        UInt256 qa = a, ra = b;
        UInt256.DivRem(in qa, in ra, out qa, out ra);
        Equal(x / y, qa, ctx + " (quotient into the dividend)");
        Equal(x % y, ra, ctx + " (remainder into the divisor)");
        UInt256 d = a, m = a;
        UInt256.Divide(in d, in b, out d);
        UInt256.Mod(in m, in b, out m);
        Equal(x / y, d, ctx + " (Divide into the dividend)");
        Equal(x % y, m, ctx + " (Mod into the dividend)");
    }

    private static ulong Limb(in UInt256 v, int i) => i switch { 0 => v.U0, 1 => v.U1, 2 => v.U2, _ => v.U3 };

    [Fact]
    public void SignedDivideAndMod_MatchBigInteger_ForEveryWidthAndSign()
    {
        var rng = new Random(33);
        foreach (var (ma, mb) in WidthPairs(34))
        {
            UInt256 a = rng.Next(2) == 0 ? ma : From(-Big(ma));
            UInt256 b = rng.Next(2) == 0 ? mb : From(-Big(mb));
            BigInteger x = Signed(a), y = Signed(b);
            UInt256.SignedDivide(in a, in b, out UInt256 q);
            Equal(BigInteger.Divide(x, y) & Mask, q, $"SDIV {Hex(a)}, {Hex(b)}");
            UInt256.SignedMod(in a, in b, out UInt256 r);
            Equal(BigInteger.Remainder(x, y) & Mask, r, $"SMOD {Hex(a)}, {Hex(b)}");
        }
    }

    [Fact]
    public void AddMod_MatchesBigInteger_ForEveryModulusWidth()
    {
        var rng = new Random(35);
        foreach (var (m, _) in WidthPairs(36))
        {
            if (m.IsZero) continue;
            UInt256 a = OfWidth(rng, rng.Next(257)), b = OfWidth(rng, rng.Next(257));
            UInt256.AddMod(in a, in b, in m, out UInt256 r);
            Equal((Big(a) + Big(b)) % Big(m), r, $"ADDMOD {Hex(a)}, {Hex(b)}, {Hex(m)}");
        }
    }

    [Fact]
    public void MulMod_MatchesBigInteger_ForEveryFactorAndModulusWidth()
    {
        // Factor widths up to 128 bits (the product fits 256 bits: the short path) and beyond (512-bit path).
        var rng = new Random(37);
        foreach (var (a, m) in WidthPairs(38))
        {
            UInt256 b = OfWidth(rng, rng.Next(2) == 0 ? rng.Next(129) : rng.Next(257));
            UInt256 a2 = rng.Next(2) == 0 ? From(Big(a) & ((BigInteger.One << 128) - 1)) : a;
            BigInteger expected = Big(a2) * Big(b) % Big(m);
            UInt256.MulMod(in a2, in b, in m, out UInt256 r);
            Equal(expected, r, $"MULMOD {Hex(a2)}, {Hex(b)}, {Hex(m)}");
            UInt256.MulModPortable(in a2, in b, in m, out r);
            Equal(expected, r, $"portable MULMOD {Hex(a2)}, {Hex(b)}, {Hex(m)}");
        }
    }

    [Fact]
    public void Reciprocal3By2_MatchesDefinition()
    {
        var rng = new Random(39);
        ulong[] tops = [1UL << 63, (1UL << 63) + 1, ulong.MaxValue, ulong.MaxValue - 1, 0xC000000000000000];
        ulong[] lows = [0, 1, ulong.MaxValue, ulong.MaxValue - 1, 1UL << 63];
        var ds = new List<(ulong, ulong)>();
        foreach (ulong t in tops)
            foreach (ulong l in lows)
                ds.Add((t, l));
        for (int i = 0; i < 100_000; i++) ds.Add((NextULong(rng) | (1UL << 63), NextULong(rng)));

        BigInteger twoPow192m1 = (BigInteger.One << 192) - 1;
        foreach (var (d1, d0) in ds)
        {
            BigInteger d = ((BigInteger)d1 << 64) | d0;
            ulong expected = (ulong)(twoPow192m1 / d - (BigInteger.One << 64));
            Assert.True(expected == UInt256.Reciprocal3By2<UInt256.NativeDivider>(d1, d0), $"native 0x{d1:x16}_{d0:x16}");
            Assert.True(expected == UInt256.Reciprocal3By2<UInt256.PortableDivider>(d1, d0), $"portable 0x{d1:x16}_{d0:x16}");
        }
    }

    [Fact]
    public void Divide3By2_MatchesBigInteger()
    {
        var rng = new Random(40);
        for (int i = 0; i < 200_000; i++)
        {
            ulong d1 = i % 11 == 0 ? ulong.MaxValue : NextULong(rng) | (1UL << 63);
            ulong d0 = i % 13 == 0 ? ulong.MaxValue : i % 17 == 0 ? 0 : NextULong(rng);
            BigInteger d = ((BigInteger)d1 << 64) | d0;
            // (u2:u1) < (d1:d0): u2 below d1, or equal with u1 below d0.
            ulong u2 = i % 5 == 0 ? d1 - (ulong)(i % 2) : NextULong(rng) % d1;
            ulong u1 = u2 == d1 ? (d0 == 0 ? 0 : NextULong(rng) % d0) : NextULong(rng);
            if (u2 == d1 && d0 == 0) u2--;
            ulong u0 = i % 3 == 0 ? ulong.MaxValue : NextULong(rng);
            ulong v = UInt256.Reciprocal3By2<UInt256.PortableDivider>(d1, d0);
            ulong q = UInt256.Divide3By2(u2, u1, u0, d1, d0, v, out ulong r1, out ulong r0);
            BigInteger u = ((BigInteger)u2 << 128) | ((BigInteger)u1 << 64) | u0;
            BigInteger rem = ((BigInteger)r1 << 64) | r0;
            Assert.True(q == u / d && rem == u % d, $"(0x{u2:x16}:{u1:x16}:{u0:x16}) / 0x{d1:x16}_{d0:x16}");
        }
    }
}
