namespace Tachyon.Precompiles.Bls12381;

/// <summary>
/// RFC 9380 map_to_curve for G2 (suite BLS12381G2_XMD:SHA-256_SSWU_RO_, §8.8.2): simplified SWU
/// onto E2': y² = x³ + 240i·x + 1012(1 + i) with Z = -(2 + i), then the 3-isogeny to the twist
/// (Appendix E.3). <see cref="MapToG2"/> also clears the cofactor, as MAP_FP2_TO_G2 does.
/// </summary>
public static class MapToCurveG2
{
    private static readonly SimplifiedSwu<Fp2> Swu = new(
        new Fp2(Fp.Zero, Fp.FromUInt64(240)),
        new Fp2(Fp.FromUInt64(1012), Fp.FromUInt64(1012)),
        new Fp2(-Fp.FromUInt64(2), -Fp.One));

    private static readonly Fp2[] XNum =
    [
        E("5c759507e8e333ebb5b7a9a47d7ed8532c52d39fd3a042a88b58423c50ae15d5c2638e343d9c71c6238aaaaaaaa97d6",
          "5c759507e8e333ebb5b7a9a47d7ed8532c52d39fd3a042a88b58423c50ae15d5c2638e343d9c71c6238aaaaaaaa97d6"),
        E("0", "11560bf17baa99bc32126fced787c88f984f87adf7ae0c7f9a208c6b4f20a4181472aaa9cb8d555526a9ffffffffc71a"),
        E("11560bf17baa99bc32126fced787c88f984f87adf7ae0c7f9a208c6b4f20a4181472aaa9cb8d555526a9ffffffffc71e",
          "8ab05f8bdd54cde190937e76bc3e447cc27c3d6fbd7063fcd104635a790520c0a395554e5c6aaaa9354ffffffffe38d"),
        E("171d6541fa38ccfaed6dea691f5fb614cb14b4e7f4e810aa22d6108f142b85757098e38d0f671c7188e2aaaaaaaa5ed1", "0"),
    ];

    private static readonly Fp2[] XDen =
    [
        E("0", "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaa63"),
        E("c", "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaa9f"),
    ];

    private static readonly Fp2[] YNum =
    [
        E("1530477c7ab4113b59a4c18b076d11930f7da5d4a07f649bf54439d87d27e500fc8c25ebf8c92f6812cfc71c71c6d706",
          "1530477c7ab4113b59a4c18b076d11930f7da5d4a07f649bf54439d87d27e500fc8c25ebf8c92f6812cfc71c71c6d706"),
        E("0", "5c759507e8e333ebb5b7a9a47d7ed8532c52d39fd3a042a88b58423c50ae15d5c2638e343d9c71c6238aaaaaaaa97be"),
        E("11560bf17baa99bc32126fced787c88f984f87adf7ae0c7f9a208c6b4f20a4181472aaa9cb8d555526a9ffffffffc71c",
          "8ab05f8bdd54cde190937e76bc3e447cc27c3d6fbd7063fcd104635a790520c0a395554e5c6aaaa9354ffffffffe38f"),
        E("124c9ad43b6cf79bfbf7043de3811ad0761b0f37a1e26286b0e977c69aa274524e79097a56dc4bd9e1b371c71c718b10", "0"),
    ];

    private static readonly Fp2[] YDen =
    [
        E("1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffa8fb",
          "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffa8fb"),
        E("0", "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffa9d3"),
        E("12", "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaa99"),
    ];

    private static readonly Isogeny<Fp2> Iso = new(XNum, XDen, YNum, YDen);

    /// <summary>map_to_curve(u): a point of the twist, not yet in G2.</summary>
    public static AffinePoint<Fp2> MapToCurve(in Fp2 u) => Iso.Map(Swu.Map(u));

    /// <summary>clear_cofactor(map_to_curve(u)): a point of G2.</summary>
    public static AffinePoint<Fp2> MapToG2(in Fp2 u) => G2.ClearCofactor(MapToCurve(u).ToJacobian()).ToAffine();

    private static Fp2 E(string c0, string c1) => new(Bls12381Constants.FpFromHex(c0), Bls12381Constants.FpFromHex(c1));
}
