using System.Numerics;
using Tachyon.Core.Numerics;
using static Tachyon.Core.Tests.Numerics.U256;

namespace Tachyon.Core.Tests.Numerics;

public class UInt256ExpTests
{
    [Fact]
    public void Exp_EdgePairsAndRandom_MatchModPow()
    {
        // Pairs includes full-size exponents; fewer random cases because ModPow is the slow side.
        foreach (var (b, e) in Pairs(40, 3000))
            Check(b, e);
    }

    [Fact]
    public void Exp_SmallExponents_MatchModPow()
    {
        var rng = new Random(41);
        foreach (UInt256 b in Singles(42, 5000))
        {
            Check(b, From(rng.Next(0, 4)));
            Check(b, From(rng.Next(0, 300)));
            Check(b, From(NextULong(rng) >> rng.Next(0, 64)));
        }
    }

    [Fact]
    public void Exp_EvenAndPowerOfTwoBases()
    {
        var rng = new Random(43);
        for (int i = 0; i < 5000; i++)
        {
            int t = rng.Next(1, 256);
            UInt256 pow2 = From(BigInteger.One << t);
            UInt256 even = From((Big(Next(rng)) | 1) << t);
            foreach (UInt256 e in new[] { From(rng.Next(0, 10)), From(255 / t), From(256 / t), From(256 / t + 1), From(rng.Next(0, 600)), Next(rng) })
            {
                Check(pow2, e);
                Check(even, e);
            }
        }
    }

    private static void Check(UInt256 b, UInt256 e)
    {
        BigInteger expected = BigInteger.ModPow(Big(b), Big(e), TwoPow256);
        UInt256.Exp(in b, in e, out UInt256 r);
        Equal(expected, r, $"EXP {Hex(b)}, {Hex(e)}");
    }
}
