using System.Numerics;
using Tachyon.Core.Numerics;

namespace Tachyon.Core.Tests.Numerics;

/// <summary>
/// Operand generators and BigInteger reference helpers for the UInt256 property tests. The conversions
/// here are written from the limbs directly so the tests do not depend on UInt256's own BigInteger code.
/// </summary>
internal static class U256
{
    public static readonly BigInteger TwoPow256 = BigInteger.One << 256;
    public static readonly BigInteger TwoPow255 = BigInteger.One << 255;
    public static readonly BigInteger Mask = TwoPow256 - 1;

    /// <summary>Random cases per property test (on top of all edge pairs).</summary>
    public const int RandomCases = 20_000;

    public static BigInteger Big(in UInt256 x) =>
        ((BigInteger)x.U3 << 192) | ((BigInteger)x.U2 << 128) | ((BigInteger)x.U1 << 64) | x.U0;

    /// <summary>The value mod 2^256 (negative inputs wrap, as two's complement).</summary>
    public static UInt256 From(BigInteger v)
    {
        v &= Mask; // BigInteger's & works on the infinite two's complement form, so this also wraps negatives
        ulong L(int i) => (ulong)((v >> (64 * i)) & ulong.MaxValue);
        return new UInt256(L(0), L(1), L(2), L(3));
    }

    public static BigInteger Signed(in UInt256 x)
    {
        BigInteger v = Big(x);
        return v >= TwoPow255 ? v - TwoPow256 : v;
    }

    public static string Hex(in UInt256 x) => $"0x{x.U3:x16}_{x.U2:x16}_{x.U1:x16}_{x.U0:x16}";

    public static readonly UInt256[] Edges =
    [
        From(0), From(1), From(2),
        From(ulong.MaxValue), From(BigInteger.One << 64), From((BigInteger.One << 64) + 1),
        From((BigInteger.One << 128) - 1), From(BigInteger.One << 128),
        From(TwoPow255 - 1), From(TwoPow255), From(TwoPow255 + 1),
        From(TwoPow256 - 2), From(TwoPow256 - 1),
    ];

    private static readonly ulong[] SpecialLimbs =
    [
        0, 1, 2, 3, ulong.MaxValue, ulong.MaxValue - 1, 1UL << 63, (1UL << 63) - 1, (1UL << 63) + 1,
        1UL << 32, (1UL << 32) - 1, 0xFFFFFFFF00000000UL, 0x8000000000000001UL, 10_000_000_000_000_000_000UL,
    ];

    /// <summary>A random operand: random limb patterns, random bit widths 0..256, or edge values nudged.</summary>
    public static UInt256 Next(Random rng)
    {
        switch (rng.Next(5))
        {
            case 0:
            {
                // Each limb independently zero, all-ones, a special value, small, or random.
                Span<ulong> l = stackalloc ulong[4];
                for (int i = 0; i < 4; i++)
                {
                    l[i] = rng.Next(6) switch
                    {
                        0 => 0,
                        1 => ulong.MaxValue,
                        2 => SpecialLimbs[rng.Next(SpecialLimbs.Length)],
                        3 => (ulong)rng.Next(16),
                        _ => NextULong(rng),
                    };
                }
                return new UInt256(l[0], l[1], l[2], l[3]);
            }
            case 1:
            case 2:
            {
                // Random width 0..256 with the top bit set, so every bit length is exercised.
                int bits = rng.Next(257);
                if (bits == 0) return default;
                BigInteger v = RandomBig(rng) & ((BigInteger.One << bits) - 1);
                v |= BigInteger.One << (bits - 1);
                return From(v);
            }
            case 3:
                return From(RandomBig(rng));
            default:
            {
                UInt256 e = Edges[rng.Next(Edges.Length)];
                return From(Big(e) + rng.Next(-3, 4));
            }
        }
    }

    public static ulong NextULong(Random rng) => (ulong)rng.NextInt64() ^ ((ulong)rng.Next(4) << 62);

    private static BigInteger RandomBig(Random rng)
    {
        Span<byte> b = stackalloc byte[32];
        rng.NextBytes(b);
        return new BigInteger(b, isUnsigned: true);
    }

    /// <summary>All ordered pairs of edge values, then <paramref name="count"/> random pairs from a fixed seed.</summary>
    public static IEnumerable<(UInt256 A, UInt256 B)> Pairs(int seed, int count = RandomCases)
    {
        foreach (UInt256 a in Edges)
            foreach (UInt256 b in Edges)
                yield return (a, b);
        var rng = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            UInt256 a = Next(rng);
            // Now and then derive b from a, which makes equal limbs (and division corner cases) likely.
            UInt256 b = rng.Next(8) switch
            {
                0 => a,
                1 => From(Big(a) >> rng.Next(1, 200)),
                2 => From(Big(a) + rng.Next(-2, 3)),
                _ => Next(rng),
            };
            yield return (a, b);
        }
    }

    /// <summary>All edge triples, then random triples.</summary>
    public static IEnumerable<(UInt256 A, UInt256 B, UInt256 C)> Triples(int seed, int count = RandomCases)
    {
        foreach (UInt256 a in Edges)
            foreach (UInt256 b in Edges)
                foreach (UInt256 c in Edges)
                    yield return (a, b, c);
        var rng = new Random(seed);
        for (int i = 0; i < count; i++)
            yield return (Next(rng), Next(rng), Next(rng));
    }

    public static IEnumerable<UInt256> Singles(int seed, int count = RandomCases)
    {
        foreach (UInt256 e in Edges) yield return e;
        var rng = new Random(seed);
        for (int i = 0; i < count; i++) yield return Next(rng);
    }

    public static void Equal(BigInteger expected, in UInt256 actual, string what)
    {
        BigInteger got = Big(actual);
        if (got != expected)
            Assert.Fail($"{what}: expected 0x{expected:x}, got {Hex(actual)}");
    }
}
