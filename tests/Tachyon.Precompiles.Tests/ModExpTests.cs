using System.Numerics;
using Tachyon.Core.Types;

namespace Tachyon.Precompiles.Tests;

public class ModExpTests
{
    private readonly ModExpPrecompile _modexp = new();

    private static byte[] Len(BigInteger v)
    {
        var w = new byte[32];
        int n = v.GetByteCount(isUnsigned: true);
        v.TryWriteBytes(w.AsSpan(32 - n), out _, isUnsigned: true, isBigEndian: true);
        return w;
    }

    private static byte[] Input(int baseLen, int expLen, int modLen, byte[] b, byte[] e, byte[] m) =>
        [.. Len(baseLen), .. Len(expLen), .. Len(modLen), .. b, .. e, .. m];

    private byte[] Run(byte[] input)
    {
        Assert.True(_modexp.TryRun(input, out byte[] output));
        return output;
    }

    private static readonly byte[] Secp256k1PMinus1 = Hex.FromHex("fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2e");
    private static readonly byte[] Secp256k1P = Hex.FromHex("fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f");

    [Fact]
    public void Eip198FermatExample()
    {
        byte[] input = Input(1, 32, 32, [3], Secp256k1PMinus1, Secp256k1P);
        Assert.Equal(Len(1), Run(input));
        Assert.Equal(1360, _modexp.RequiredGas(input)); // EIP-2565: ceil(32/8)² · 255 / 3
    }

    [Fact]
    public void Eip198ZeroBaseLengthExample()
    {
        byte[] input = Input(0, 32, 32, [], Secp256k1PMinus1, Secp256k1P);
        Assert.Equal(new byte[32], Run(input));
        Assert.Equal(1360, _modexp.RequiredGas(input));
    }

    [Fact]
    public void Eip198HugeModulusLengthSaturatesGas()
    {
        byte[] input = [.. Len(0), .. Len(32), .. Enumerable.Repeat((byte)0xff, 32),
            .. Hex.FromHex("fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe"),
            .. Hex.FromHex("fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffd")];
        Assert.Equal(long.MaxValue, _modexp.RequiredGas(input));
        Assert.False(_modexp.TryRun(input, out _)); // never reachable with real gas, and must not allocate
    }

    [Fact]
    public void Eip198ShortInputIsRightPaddedAndExtraIgnored()
    {
        BigInteger expected = BigInteger.ModPow(3, 0xffff, BigInteger.One << 255);
        byte[] want = new byte[32];
        expected.TryWriteBytes(want.AsSpan(32 - expected.GetByteCount(true)), out _, true, true);

        byte[] full = [.. Input(1, 2, 32, [3], [0xff, 0xff], Hex.FromHex("8000000000000000000000000000000000000000000000000000000000000000")), 0x07];
        Assert.Equal(want, Run(full));
        byte[] truncated = Input(1, 2, 32, [3], [0xff, 0xff], [0x80]);
        Assert.Equal(want, Run(truncated));
        Assert.Equal("0x3b01b01ac41f2d6e917c6d6a221ce793802469026d9ab7578fa2e79e4da6aaab", Hex.ToHex(Run(truncated)));
    }

    [Fact]
    public void NagydaniSquareKnownAnswer()
    {
        byte[] input = Hex.FromHex(
            "000000000000000000000000000000000000000000000000000000000000004000000000000000000000000000000000000000000000000000000000000000010000000000000000000000000000000000000000000000000000000000000040" +
            "e09ad9675465c53a109fac66a445c91b292d2bb2c5268addb30cd82f80fcb0033ff97c80a5fc6f39193ae969c6ede6710a6b7ac27078a06d90ef1c72e5c85fb5" +
            "02" +
            "fc9e1f6beb81516545975218075ec2af118cd8798df6e08a147c60fd6095ac2bb02c2908cf4dd7c81f11c289e4bce98f3553768f392a80ce22bf5c4f4a248c6b");
        Assert.Equal("0x60008f1614cc01dcfb6bfb09c625cf90b47d4468db81b5f8b7a39d42f332eab9b2da8f2d95311648a8f243f4bb13cfb3d8f7f2a3c014122ebb3ed41b02783adc", Hex.ToHex(Run(input)));
        Assert.Equal(200, _modexp.RequiredGas(input));
    }

    /// <summary>EIP-2565 prices of the well-known nagydani vectors (by base/exp/mod lengths and exponent).</summary>
    [Theory]
    [InlineData(64, new byte[] { 0x02 }, 200)]
    [InlineData(64, new byte[] { 0x03 }, 200)]
    [InlineData(64, new byte[] { 0x01, 0x00, 0x01 }, 341)]
    [InlineData(128, new byte[] { 0x02 }, 200)]
    [InlineData(128, new byte[] { 0x01, 0x00, 0x01 }, 1365)]
    [InlineData(256, new byte[] { 0x02 }, 341)]
    [InlineData(256, new byte[] { 0x01, 0x00, 0x01 }, 5461)]
    [InlineData(512, new byte[] { 0x02 }, 1365)]
    [InlineData(512, new byte[] { 0x01, 0x00, 0x01 }, 21845)]
    public void Eip2565Gas(int size, byte[] exponent, long gas)
    {
        var rng = new Random(size);
        var b = new byte[size];
        var m = new byte[size];
        rng.NextBytes(b);
        rng.NextBytes(m);
        m[^1] |= 1;
        byte[] input = Input(size, exponent.Length, size, b, exponent, m);
        Assert.Equal(gas, _modexp.RequiredGas(input));

        BigInteger expected = BigInteger.ModPow(new BigInteger(b, true, true), new BigInteger(exponent, true, true), new BigInteger(m, true, true));
        Assert.Equal(expected, new BigInteger(Run(input), true, true));
    }

    [Fact]
    public void IterationCountForLongExponents()
    {
        // 100-byte exponent starting 00 00 01: the highest set bit of the 32-byte head is bit 232, so
        // 8·(100 - 32) + 232 = 776 iterations. (EIP-198's prose says 253 for this example, which does not
        // match its own definition; the definition is what clients implement.)
        var e = new byte[100];
        e[2] = 1;
        byte[] input = Input(32, 100, 32, new byte[32], e, new byte[32]);
        Assert.Equal(16 * 776 / 3, _modexp.RequiredGas(input));
        e[0] = 0x20; // head bit 253: the EIP's 797
        Assert.Equal(16 * 797 / 3, _modexp.RequiredGas(Input(32, 100, 32, new byte[32], e, new byte[32])));

        // First 32 bytes zero: exactly 8·(len - 32).
        var e2 = new byte[100];
        e2[99] = 1;
        input = Input(32, 100, 32, new byte[32], e2, new byte[32]);
        Assert.Equal(16 * 8 * 68 / 3, _modexp.RequiredGas(input));
    }

    [Fact]
    public void MinimumGasIs200()
    {
        Assert.Equal(200, _modexp.RequiredGas([]));
        Assert.Equal(200, _modexp.RequiredGas(Input(1, 1, 1, [2], [0], [5])));
    }

    [Fact]
    public void ZeroLengthModulusGivesEmptyOutputEvenWithAbsurdLengths()
    {
        Assert.Empty(Run([]));
        // Huge exponent length but nothing to multiply: gas is the minimum and the output empty.
        byte[] input = [.. Len(0), .. Enumerable.Repeat((byte)0xff, 32), .. Len(0)];
        Assert.Equal(200, _modexp.RequiredGas(input));
        Assert.Empty(Run(input));
        // Huge base length with an empty modulus: gas saturates (base length counts), output is empty.
        byte[] hugeBase = [.. Enumerable.Repeat((byte)0xff, 32), .. Len(1), .. Len(0)];
        Assert.Equal(long.MaxValue, _modexp.RequiredGas(hugeBase));
        Assert.Empty(Run(hugeBase));
    }

    [Fact]
    public void HugeExponentLengthSaturates()
    {
        byte[] input = [.. Len(1), .. Enumerable.Repeat((byte)0xff, 32), .. Len(1), 2];
        Assert.Equal(long.MaxValue, _modexp.RequiredGas(input));
        byte[] large = [.. Len(1), .. Len(BigInteger.One << 62), .. Len(1), 2];
        Assert.Equal(long.MaxValue, _modexp.RequiredGas(large));
        byte[] big = [.. Len(1), .. Len(BigInteger.One << 40), .. Len(1), 2];
        Assert.Equal((long)(8 * ((BigInteger.One << 40) - 32) / 3), _modexp.RequiredGas(big));
    }

    [Fact]
    public void ZeroModulusGivesZeros()
    {
        Assert.Equal(new byte[4], Run(Input(1, 1, 4, [7], [3], [0, 0, 0, 0])));
        Assert.Equal(new byte[3], Run(Input(1, 1, 3, [7], [3], [])));
    }

    [Fact]
    public void ModulusOneAndZeroExponent()
    {
        Assert.Equal(new byte[] { 0, 0 }, Run(Input(1, 1, 2, [7], [3], [0, 1])));
        Assert.Equal(new byte[] { 0, 1 }, Run(Input(1, 0, 2, [7], [], [0, 5]))); // x^0 = 1
        Assert.Equal(new byte[] { 0, 1 }, Run(Input(0, 0, 2, [], [], [0, 5]))); // 0^0 = 1
        Assert.Equal(new byte[] { 0 }, Run(Input(1, 0, 1, [7], [], [1]))); // x^0 mod 1 = 0
    }

    [Fact]
    public void MatchesBigIntegerOnRandomInputs()
    {
        var rng = new Random(7);
        for (int i = 0; i < 50; i++)
        {
            int bl = rng.Next(0, 70), el = rng.Next(0, 40), ml = rng.Next(1, 70);
            var b = new byte[bl]; var e = new byte[el]; var m = new byte[ml];
            rng.NextBytes(b); rng.NextBytes(e); rng.NextBytes(m);
            byte[] output = Run(Input(bl, el, ml, b, e, m));
            Assert.Equal(ml, output.Length);
            BigInteger mod = new(m, true, true);
            BigInteger expected = mod.IsZero ? 0 : BigInteger.ModPow(new BigInteger(b, true, true), new BigInteger(e, true, true), mod);
            Assert.Equal(expected, new BigInteger(output, true, true));
        }
    }
}
