using System.Numerics;
using Tachyon.Precompiles.Bn254;

namespace Tachyon.Precompiles.Tests.Bn254;

public class PairingTests
{
    private static readonly BigInteger R = ReferenceG1.R;
    private readonly Bn254PairingPrecompile _pairing = new();

    private static G1Affine G1(BigInteger k) => G1Jacobian.Multiply(G1Affine.Generator, ReferenceG1.Word(k)).ToAffine();
    private static G2Affine G2(BigInteger k) => G2Jacobian.Multiply(G2Affine.Generator, k).ToAffine();

    internal static byte[] EncodePair(G1Affine p, G2Affine q)
    {
        var b = new byte[192];
        p.Write(b);
        q.Write(b.AsSpan(64));
        return b;
    }

    private byte[] Run(byte[] input)
    {
        Assert.True(_pairing.TryRun(input, out byte[] output));
        Assert.Equal(32, output.Length);
        return output;
    }

    private static byte[] Word(int v) { var w = new byte[32]; w[31] = (byte)v; return w; }

    [Fact]
    public void PairingIsBilinearAndNonDegenerate()
    {
        Fp12 e = Pairing.Pair(G1Affine.Generator, G2Affine.Generator);
        Assert.False(e.IsOne);
        Assert.True(e.Pow(R).IsOne);

        BigInteger a = 0x1234567, b = BigInteger.Parse("98765432109876543210");
        Fp12 eab = Pairing.Pair(G1(a), G2(b));
        Assert.Equal(e.Pow(a * b), eab);
        Assert.Equal(eab, Pairing.Pair(G1(a * b % R), G2Affine.Generator));
        Assert.Equal(eab, Pairing.Pair(G1Affine.Generator, G2(a * b % R)));
    }

    [Fact]
    public void PairingWithNegationCancels()
    {
        G1Affine p = G1(77);
        G2Affine q = G2(1234);
        Assert.Equal(Word(1), Run([.. EncodePair(p, q), .. EncodePair(p.Negate(), q)]));
        Assert.Equal(Word(1), Run([.. EncodePair(p, q), .. EncodePair(p, q.Negate())]));
        Assert.Equal(Word(0), Run([.. EncodePair(p, q), .. EncodePair(p, q)]));
        Assert.Equal(Word(0), Run(EncodePair(p, q)));
    }

    [Fact]
    public void ThreePairProductOfScalars()
    {
        // e(aP, bQ)·e(cP, dQ)·e(-(ab + cd)P, Q) = 1
        BigInteger a = 3, b = 5, c = 7, d = 11;
        byte[] input = [.. EncodePair(G1(a), G2(b)), .. EncodePair(G1(c), G2(d)), .. EncodePair(G1(R - (a * b + c * d)), G2Affine.Generator)];
        Assert.Equal(Word(1), Run(input));
        byte[] bad = [.. EncodePair(G1(a), G2(b)), .. EncodePair(G1(c), G2(d)), .. EncodePair(G1(R - (a * b + c * d) + 1), G2Affine.Generator)];
        Assert.Equal(Word(0), Run(bad));
    }

    [Fact]
    public void EmptyInputAndInfinityPairsGiveOne()
    {
        Assert.Equal(Word(1), Run([]));
        Assert.Equal(Word(1), Run(EncodePair(G1Affine.Infinity, G2Affine.Generator)));
        Assert.Equal(Word(1), Run(EncodePair(G1Affine.Generator, G2Affine.Infinity)));
        Assert.Equal(Word(1), Run(new byte[192 * 3]));
    }

    [Fact]
    public void InvalidInputsFail()
    {
        byte[] good = EncodePair(G1Affine.Generator, G2Affine.Generator);
        Assert.False(_pairing.TryRun(good[..191], out _));
        Assert.False(_pairing.TryRun([.. good, 0], out _));

        byte[] g1Off = (byte[])good.Clone();
        g1Off[63] ^= 1; // y of P changed
        Assert.False(_pairing.TryRun(g1Off, out _));

        byte[] g2Off = (byte[])good.Clone();
        g2Off[191] ^= 1; // y.re of Q changed
        Assert.False(_pairing.TryRun(g2Off, out _));

        // A coordinate ≥ p.
        byte[] big = (byte[])good.Clone();
        ReferenceG1.Word(ReferenceG1.P).CopyTo(big, 64);
        Assert.False(_pairing.TryRun(big, out _));

        // Infinity in G1 does not excuse an invalid G2 point.
        byte[] zeroP = (byte[])g2Off.Clone();
        Array.Clear(zeroP, 0, 64);
        Assert.False(_pairing.TryRun(zeroP, out _));
    }

    [Fact]
    public void TwistPointOutsideSubgroupFails()
    {
        for (int x = 1; x < 100; x++)
        {
            var px = new Fp2(Fp.FromUInt((ulong)x), Fp.Zero);
            Fp2 rhs = px.Square() * px + G2Affine.B;
            if (!CurveTests.TrySqrt(rhs, out Fp2 y)) continue;
            var q = new G2Affine(px, y);
            Assert.True(q.IsOnCurve);
            Assert.False(_pairing.TryRun(EncodePair(G1Affine.Generator, q), out _));
            Assert.False(_pairing.TryRun(EncodePair(G1Affine.Infinity, q), out _));
            return;
        }
        Assert.Fail("no twist point found");
    }

    [Fact]
    public void GasIsPerPair()
    {
        Assert.Equal(45000, _pairing.RequiredGas([]));
        Assert.Equal(45000 + 34000, _pairing.RequiredGas(new byte[192]));
        Assert.Equal(45000 + 2 * 34000, _pairing.RequiredGas(new byte[384]));
    }
}
