using System.Numerics;

namespace Tachyon.Precompiles.Bls12381;

/// <summary>
/// γ[k][i] = ξ^(i(p^k - 1)/6) for k = 1..3, i = 0..5, computed once at start-up from the
/// definition rather than hard-coded.
/// </summary>
internal static class FrobeniusCoefficients
{
    private static readonly Fp2[][] Table = Build();

    public static ReadOnlySpan<Fp2> For(int power) =>
        power is >= 1 and <= 3 ? Table[power - 1] : throw new ArgumentOutOfRangeException(nameof(power));

    private static Fp2[][] Build()
    {
        BigInteger p = Bls12381Constants.P;
        var table = new Fp2[3][];
        for (int k = 1; k <= 3; k++)
        {
            BigInteger e = (BigInteger.Pow(p, k) - 1) / 6;
            Fp2 g = Fp2.Pow(Fp2.Xi, Bls12381Constants.ToLimbs(e));
            table[k - 1] = new Fp2[6];
            Fp2 acc = Fp2.One;
            for (int i = 0; i < 6; i++)
            {
                table[k - 1][i] = acc;
                acc *= g;
            }
        }
        return table;
    }
}
