using Tachyon.Core.Types;
using Tachyon.Precompiles.Bls12381;

namespace Tachyon.Precompiles.Kzg;

/// <summary>The one point of the mainnet KZG ceremony output that proof verification needs.</summary>
public static class KzgTrustedSetup
{
    /// <summary>
    /// [τ]₂, compressed: g2_monomial[1] of consensus-specs presets/mainnet/trusted_setups/
    /// trusted_setup_4096.json (the same value is line 4100 of c-kzg-4844's trusted_setup.txt).
    /// </summary>
    public const string TauG2Hex =
        "b5bfd7dd8cdeb128843bc287230af38926187075cbfbefa81009a2ce615ac53d2914e5870cb452d2afaaab24f3499f72" +
        "185cbfee53492714734429b7b38608e23926c911cceceac9a36851477ba4c60b087041de621000edc98edada20c1def2";

    public static AffinePoint<Fp2> TauG2 { get; } = Decode();

    /// <summary>[τ]₂ with its Miller-loop lines precomputed.</summary>
    public static G2Prepared TauG2Prepared { get; } = new(TauG2);

    /// <summary>The G2 generator with its Miller-loop lines precomputed.</summary>
    public static G2Prepared GeneratorPrepared { get; } = new(G2.Generator);

    private static AffinePoint<Fp2> Decode()
    {
        if (!PointCompression.TryDecompressG2(Hex.FromHex(TauG2Hex), out AffinePoint<Fp2> p) || !G2.IsInSubgroup(p))
            throw new InvalidOperationException("trusted setup point does not decode to a G2 element");
        return p;
    }
}
