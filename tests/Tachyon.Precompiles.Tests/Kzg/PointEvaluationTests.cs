using System.Numerics;
using System.Security.Cryptography;
using Tachyon.Core.Types;
using Tachyon.Precompiles.Bls12381;
using Tachyon.Precompiles.Kzg;
using Tachyon.Precompiles.Tests.Bls12381;

namespace Tachyon.Precompiles.Tests.Kzg;

public class PointEvaluationTests
{
    private static readonly PointEvaluationPrecompile Precompile = PointEvaluationPrecompile.Instance;

    private static byte[] Input(byte[] commitment, BigInteger z, BigInteger y, byte[] proof, byte[]? versionedHash = null)
    {
        var input = new byte[192];
        byte[] vh = versionedHash ?? SHA256.HashData(commitment);
        vh.CopyTo(input, 0);
        if (versionedHash is null) input[0] = 0x01;
        TestData.ScalarBytes(z).CopyTo(input, 32);
        TestData.ScalarBytes(y).CopyTo(input, 64);
        commitment.CopyTo(input, 96);
        proof.CopyTo(input, 144);
        return input;
    }

    private static byte[] Infinity48 => PointCompression.CompressG1(AffinePoint<Fp>.Infinity);

    [Fact]
    public void AddressAndGas()
    {
        Assert.Equal(Address.Parse("0x000000000000000000000000000000000000000a"), Precompile.Address);
        Assert.Equal(50_000, Precompile.RequiredGas(new byte[192]));
        Assert.Equal(50_000, Precompile.RequiredGas([]));
    }

    [Fact]
    public void ConstantPolynomialProofVerifiesAndWrongYFails()
    {
        // p(X) = c: commitment [c]G1, quotient 0 so the proof is infinity, p(z) = c for every z.
        var c = new BigInteger(123456789);
        byte[] commitment = PointCompression.CompressG1(TestData.Mul(G1.Generator, c));
        foreach (BigInteger z in new[] { BigInteger.Zero, BigInteger.One, TestData.R - 1, new BigInteger(987654321) })
        {
            Assert.True(Precompile.TryRun(Input(commitment, z, c, Infinity48), out byte[] output));
            Assert.Equal(64, output.Length);
            Assert.Equal(0x10, output[30]);
            Assert.False(Precompile.TryRun(Input(commitment, z, c + 1, Infinity48), out _));
        }
    }

    [Fact]
    public void ZeroPolynomialUsesInfinityForCommitmentAndProof()
    {
        byte[] zero = Infinity48;
        Assert.True(Precompile.TryRun(Input(zero, 5, 0, zero), out _));
        Assert.False(Precompile.TryRun(Input(zero, 5, 1, zero), out _));
    }

    [Fact]
    public void RejectsBadVersionedHashLengthAndRange()
    {
        byte[] commitment = PointCompression.CompressG1(G1.Generator);
        byte[] good = Input(commitment, 7, 1, Infinity48);
        Assert.True(Precompile.TryRun(good, out _));

        byte[] wrongVersion = (byte[])good.Clone();
        wrongVersion[0] = 0x02;
        Assert.False(Precompile.TryRun(wrongVersion, out _));
        byte[] wrongHash = (byte[])good.Clone();
        wrongHash[31] ^= 1;
        Assert.False(Precompile.TryRun(wrongHash, out _));

        Assert.False(Precompile.TryRun(good.AsSpan(0, 191), out _));
        Assert.False(Precompile.TryRun([.. good, 0], out _));
        Assert.False(Precompile.TryRun([], out _));

        // z = r and y = r are out of range even though z ≡ 0 would otherwise verify.
        Assert.False(Precompile.TryRun(Input(commitment, TestData.R, 1, Infinity48), out _));
        Assert.False(Precompile.TryRun(Input(commitment, 7, TestData.R + 1, Infinity48), out _));
    }

    [Fact]
    public void RejectsInvalidPointEncodings()
    {
        byte[] commitment = PointCompression.CompressG1(G1.Generator);
        // Not compressed (flag clear), infinity with a stray bit, x ≥ p, x off the curve.
        byte[] uncompressedFlag = (byte[])commitment.Clone();
        uncompressedFlag[0] &= 0x7f;
        byte[] badInfinity = Infinity48;
        badInfinity[47] = 1;
        byte[] infinityWithSign = Infinity48;
        infinityWithSign[0] |= 0x20;
        byte[] xTooLarge = Hex.FromHex("9a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab");
        foreach (byte[] bad in new[] { uncompressedFlag, badInfinity, infinityWithSign, xTooLarge })
        {
            Assert.False(Precompile.TryRun(Input(bad, 7, 1, Infinity48), out _));
            Assert.False(Precompile.TryRun(Input(commitment, 7, 1, bad), out _));
        }
        // On the curve but outside G1.
        byte[] offSubgroup = PointCompression.CompressG1(TestData.RandomCurvePointG1(new Random(40)));
        Assert.False(Precompile.TryRun(Input(offSubgroup, 7, 1, Infinity48), out _));
    }

    [Fact]
    public void TrustedSetupPointIsInG2()
    {
        Assert.True(KzgTrustedSetup.TauG2.IsOnCurve);
        Assert.True(G2.IsInSubgroup(KzgTrustedSetup.TauG2));
        Assert.Equal(KzgTrustedSetup.TauG2Hex, Convert.ToHexString(PointCompression.CompressG2(KzgTrustedSetup.TauG2)).ToLowerInvariant());
    }
}
