using Tachyon.Core.Crypto;
using Tachyon.Core.Types;

namespace Tachyon.Precompiles.Tests;

public class EcRecoverPrecompileTests
{
    private static readonly byte[] Key = Hex.FromHex("0x4646464646464646464646464646464646464646464646464646464646464646");

    private static byte[] Input(byte[] hash, int v, ReadOnlySpan<byte> rs)
    {
        var input = new byte[128];
        hash.CopyTo(input, 0);
        input[63] = (byte)v;
        rs.CopyTo(input.AsSpan(64));
        return input;
    }

    [Fact]
    public void RecoversSignerOfValidSignature()
    {
        byte[] hash = Keccak256.HashToArray("hello"u8);
        Span<byte> rs = stackalloc byte[64];
        Secp256k1.Sign(hash, Key, rs, out int recId);
        var pre = new EcRecoverPrecompile();
        Assert.Equal(3000, pre.RequiredGas(default));
        Assert.True(pre.TryRun(Input(hash, 27 + recId, rs), out byte[] output));
        Assert.Equal(32, output.Length);
        Assert.True(output.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0);
        Assert.Equal(Secp256k1.GetAddress(Key), new Address(output.AsSpan(12)));
    }

    [Fact]
    public void InvalidInputsSucceedWithEmptyOutput()
    {
        byte[] hash = Keccak256.HashToArray("hello"u8);
        var rs = new byte[64];
        Secp256k1.Sign(hash, Key, rs, out int recId);
        var pre = new EcRecoverPrecompile();

        Assert.True(pre.TryRun(Input(hash, 29, rs), out byte[] badV));
        Assert.Empty(badV);

        var highV = Input(hash, 27 + recId, rs);
        highV[40] = 1; // v word not exactly 27/28
        Assert.True(pre.TryRun(highV, out byte[] badWord));
        Assert.Empty(badWord);

        Assert.True(pre.TryRun(Input(hash, 27, new byte[64]), out byte[] zeroRs));
        Assert.Empty(zeroRs);

        Assert.True(pre.TryRun([], out byte[] empty));
        Assert.Empty(empty);
    }

    [Fact]
    public void ShortInputIsZeroPadded()
    {
        byte[] hash = Keccak256.HashToArray("x"u8);
        var rs = new byte[64];
        Secp256k1.Sign(hash, Key, rs, out int recId);
        byte[] full = Input(hash, 27 + recId, rs);
        // s ending in zero bytes can be truncated; emulate by checking that trailing input beyond 128 is ignored.
        byte[] longer = [.. full, 1, 2, 3];
        var pre = new EcRecoverPrecompile();
        Assert.True(pre.TryRun(longer, out byte[] a));
        Assert.True(pre.TryRun(full, out byte[] b));
        Assert.Equal(b, a);
    }
}
