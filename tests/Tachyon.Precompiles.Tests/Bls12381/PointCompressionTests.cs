using Tachyon.Core.Types;
using Tachyon.Precompiles.Bls12381;
using static Tachyon.Precompiles.Tests.Bls12381.TestData;

namespace Tachyon.Precompiles.Tests.Bls12381;

public class PointCompressionTests
{
    private const string G1GeneratorCompressed =
        "97f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb";
    private const string G2GeneratorCompressed =
        "93e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf11213945d57e5ac7d055d042b7e" +
        "024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac0326a805bbefd48056c8c121bdb8";

    [Fact]
    public void GeneratorsRoundTrip()
    {
        Assert.True(PointCompression.TryDecompressG1(Hex.FromHex(G1GeneratorCompressed), out AffinePoint<Fp> g1));
        Assert.Equal(G1.Generator, g1);
        Assert.Equal(G1GeneratorCompressed, Hex.ToHex(PointCompression.CompressG1(G1.Generator), false));
        Assert.True(PointCompression.TryDecompressG2(Hex.FromHex(G2GeneratorCompressed), out AffinePoint<Fp2> g2));
        Assert.Equal(G2.Generator, g2);
        Assert.Equal(G2GeneratorCompressed, Hex.ToHex(PointCompression.CompressG2(G2.Generator), false));
    }

    [Fact]
    public void NegatedGeneratorsFlipTheSignBit()
    {
        byte[] neg1 = PointCompression.CompressG1(G1.Generator.Negate());
        Assert.Equal(0xb7, neg1[0]);
        byte[] neg2 = PointCompression.CompressG2(G2.Generator.Negate());
        Assert.Equal(0xb3, neg2[0]);
        Assert.True(PointCompression.TryDecompressG1(neg1, out AffinePoint<Fp> p));
        Assert.Equal(G1.Generator.Negate(), p);
        Assert.True(PointCompression.TryDecompressG2(neg2, out AffinePoint<Fp2> q));
        Assert.Equal(G2.Generator.Negate(), q);
    }

    [Fact]
    public void RandomPointsRoundTrip()
    {
        var rng = new Random(50);
        for (int i = 0; i < 10; i++)
        {
            AffinePoint<Fp> p = RandomCurvePointG1(rng);
            Assert.True(PointCompression.TryDecompressG1(PointCompression.CompressG1(p), out AffinePoint<Fp> p2));
            Assert.Equal(p, p2);
            AffinePoint<Fp2> q = RandomCurvePointG2(rng);
            Assert.True(PointCompression.TryDecompressG2(PointCompression.CompressG2(q), out AffinePoint<Fp2> q2));
            Assert.Equal(q, q2);
        }
    }

    [Fact]
    public void InfinityEncoding()
    {
        byte[] inf1 = PointCompression.CompressG1(AffinePoint<Fp>.Infinity);
        Assert.Equal("c0" + new string('0', 94), Hex.ToHex(inf1, false));
        Assert.True(PointCompression.TryDecompressG1(inf1, out AffinePoint<Fp> p) && p.IsInfinity);
        byte[] inf2 = PointCompression.CompressG2(AffinePoint<Fp2>.Infinity);
        Assert.True(PointCompression.TryDecompressG2(inf2, out AffinePoint<Fp2> q) && q.IsInfinity);
        inf2[95] = 1;
        Assert.False(PointCompression.TryDecompressG2(inf2, out _));
    }

    [Fact]
    public void RejectsMalformedEncodings()
    {
        Assert.False(PointCompression.TryDecompressG1(new byte[48], out _));          // compression flag clear
        Assert.False(PointCompression.TryDecompressG1(new byte[47], out _));          // length
        // The smallest x with x³ + 4 a non-residue has no point on the curve.
        ulong x = 1;
        while (Fp.IsSquare(Fp.FromUInt64(x * x * x + 4))) x++;
        byte[] notOnCurve = new byte[48];
        notOnCurve[0] = 0x80;
        notOnCurve[47] = (byte)x;
        Assert.False(PointCompression.TryDecompressG1(notOnCurve, out _));
        byte[] g2 = Hex.FromHex(G2GeneratorCompressed);
        byte[] c0TooLarge = (byte[])g2.Clone();
        Bls12381Constants.P.ToByteArray(isUnsigned: true, isBigEndian: true).CopyTo(c0TooLarge, 48);
        Assert.False(PointCompression.TryDecompressG2(c0TooLarge, out _));
        byte[] c1TooLarge = (byte[])g2.Clone();
        Bls12381Constants.P.ToByteArray(isUnsigned: true, isBigEndian: true).CopyTo(c1TooLarge, 0);
        c1TooLarge[0] |= 0x80;
        Assert.False(PointCompression.TryDecompressG2(c1TooLarge, out _));
    }
}
