using System.Numerics;
using System.Security.Cryptography;
using Tachyon.Precompiles.P256;

namespace Tachyon.Precompiles.Tests.P256;

public class P256VerifyTests
{
    private static readonly byte[] One = [.. new byte[31], 1];
    private static readonly BigInteger P = P256VerifyPrecompile.P;
    private static readonly BigInteger N = P256VerifyPrecompile.N;

    /// <summary>hash ‖ r ‖ s ‖ qx ‖ qy for a fresh .NET P-256 signature over a deterministic hash.</summary>
    internal static byte[] MakeValidInput(int seed)
    {
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        byte[] hash = SHA256.HashData(BitConverter.GetBytes(seed));
        byte[] sig = key.SignHash(hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        ECParameters pub = key.ExportParameters(false);
        return [.. hash, .. sig, .. pub.Q.X!, .. pub.Q.Y!];
    }

    private static byte[] Run(byte[] input)
    {
        Assert.True(P256VerifyPrecompile.Instance.TryRun(input, out byte[] output));
        return output;
    }

    private static byte[] Word(BigInteger v)
    {
        var w = new byte[32];
        v.TryWriteBytes(w, out int written, isUnsigned: true, isBigEndian: true);
        return [.. new byte[32 - written], .. w[..written]];
    }

    private static byte[] With(byte[] input, int wordIndex, BigInteger value)
    {
        byte[] copy = (byte[])input.Clone();
        Word(value).CopyTo(copy, wordIndex * 32);
        return copy;
    }

    [Fact]
    public void AddressAndGas()
    {
        Assert.Equal("0x0000000000000000000000000000000000000100", P256VerifyPrecompile.Instance.Address.ToString().ToLowerInvariant());
        Assert.Equal(3450, P256VerifyPrecompile.Instance.RequiredGas(new byte[160]));
        Assert.Equal(3450, P256VerifyPrecompile.Instance.RequiredGas([]));
    }

    [Fact]
    public void ValidSignaturesReturnOne()
    {
        for (int i = 0; i < 20; i++) Assert.Equal(One, Run(MakeValidInput(i)));
    }

    [Fact]
    public void HighSIsAccepted()
    {
        // (r, n - s) is the other valid signature for the same (hash, key): no low-s rule.
        for (int i = 0; i < 10; i++)
        {
            byte[] input = MakeValidInput(100 + i);
            BigInteger s = new(input.AsSpan(64, 32), isUnsigned: true, isBigEndian: true);
            Assert.Equal(One, Run(With(input, 2, N - s)));
        }
    }

    [Fact]
    public void FixedVectorMadeWithNoble()
    {
        // key = sha256("tachyon p256 test key"), hash = sha256("tachyon p256 test message"),
        // signed with @noble/curves p256.sign (RFC 6979), so independent of .NET's ECDsa.
        byte[] input = Convert.FromHexString(
            "987071231a285a26c4b62c25f8aab8d1be7a90c86588db02c1ad999d20fe47d0" +
            "53057b268118597bab3cc58d1d5e1166fc3328114817492978de84876ffdeb52" +
            "daf62810cd00e1d163940689f8105d72b1a93c4289b047f17b3056709180a36b" +
            "483191ee7c66db54ddf375609539f40910586e149c208071c5ba70c380a14020" +
            "c16efdfe1dabc107de3abcb8811c66456a850f59af71a3c1594ad767c6b117f0");
        Assert.Equal(One, Run(input));
        input[0] ^= 1;
        Assert.Empty(Run(input));
    }

    [Fact]
    public void TamperingAnyFieldInvalidates()
    {
        byte[] input = MakeValidInput(7);
        for (int field = 0; field < 5; field++)
        {
            foreach (int bit in new[] { 0, 7, 128, 255 })
            {
                byte[] t = (byte[])input.Clone();
                t[field * 32 + bit / 8] ^= (byte)(1 << (bit % 8));
                Assert.Empty(Run(t));
            }
        }
    }

    [Fact]
    public void OutOfRangeRAndSAreRejected()
    {
        byte[] input = MakeValidInput(3);
        foreach (int word in new[] { 1, 2 })
        {
            Assert.Empty(Run(With(input, word, 0)));
            Assert.Empty(Run(With(input, word, N)));
            Assert.Empty(Run(With(input, word, N + 1)));
            Assert.Empty(Run(With(input, word, (BigInteger.One << 256) - 1)));
        }
    }

    [Fact]
    public void RPlusNIsNotAccepted()
    {
        // Verification compares R.x mod n with r; r + n (when < 2^256) must not pass as r.
        byte[] input = MakeValidInput(11);
        BigInteger r = new(input.AsSpan(32, 32), isUnsigned: true, isBigEndian: true);
        if (r + N < BigInteger.One << 256) Assert.Empty(Run(With(input, 1, r + N)));
    }

    [Fact]
    public void InvalidPublicKeysAreRejected()
    {
        byte[] input = MakeValidInput(5);
        BigInteger qx = new(input.AsSpan(96, 32), isUnsigned: true, isBigEndian: true);
        BigInteger qy = new(input.AsSpan(128, 32), isUnsigned: true, isBigEndian: true);

        Assert.Empty(Run(With(With(input, 3, 0), 4, 0)));          // infinity as (0, 0)
        Assert.Empty(Run(With(input, 4, (qy + 1) % P)));             // off the curve
        Assert.Empty(Run(With(input, 3, qx + P)));                   // x ≥ p (same point mod p)
        Assert.Empty(Run(With(input, 4, qy + P)));                   // y ≥ p
        Assert.Empty(Run(With(input, 3, P)));
        Assert.Empty(Run(With(input, 4, (BigInteger.One << 256) - 1)));
        Assert.Equal(One, Run(With(input, 4, qy)));                  // control
        // -Q does not verify the signature made with Q.
        Assert.Empty(Run(With(input, 4, P - qy)));
    }

    [Fact]
    public void WrongLengthsGiveEmptyOutput()
    {
        byte[] input = MakeValidInput(9);
        Assert.Empty(Run([]));
        Assert.Empty(Run(input[..159]));
        Assert.Empty(Run([.. input, 0]));
        Assert.Empty(Run([.. input, .. input]));
        Assert.Equal(One, Run(input));
    }

    [Fact]
    public void CurveCheck()
    {
        BigInteger gx = BigInteger.Parse("06b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296", System.Globalization.NumberStyles.HexNumber);
        BigInteger gy = BigInteger.Parse("04fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5", System.Globalization.NumberStyles.HexNumber);
        Assert.True(P256VerifyPrecompile.IsOnCurve(gx, gy));
        Assert.True(P256VerifyPrecompile.IsOnCurve(gx, P - gy));
        Assert.False(P256VerifyPrecompile.IsOnCurve(gx, gy + 1));
        Assert.False(P256VerifyPrecompile.IsOnCurve(0, 0));
        Assert.False(P256VerifyPrecompile.IsOnCurve(gx + P, gy));
    }
}
