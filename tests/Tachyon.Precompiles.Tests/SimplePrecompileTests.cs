using System.Text;
using Tachyon.Core.Types;

namespace Tachyon.Precompiles.Tests;

public class SimplePrecompileTests
{
    private static byte[] Run(IPrecompile p, byte[] input)
    {
        Assert.True(p.TryRun(input, out byte[] output));
        return output;
    }

    [Fact]
    public void Sha256()
    {
        var p = new Sha256Precompile();
        Assert.Equal("0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Hex.ToHex(Run(p, [])));
        Assert.Equal("0xba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Hex.ToHex(Run(p, Encoding.ASCII.GetBytes("abc"))));
        Assert.Equal(60, p.RequiredGas([]));
        Assert.Equal(72, p.RequiredGas(new byte[1]));
        Assert.Equal(72, p.RequiredGas(new byte[32]));
        Assert.Equal(84, p.RequiredGas(new byte[33]));
    }

    [Fact]
    public void Ripemd160IsLeftPadded()
    {
        var p = new Ripemd160Precompile();
        Assert.Equal("0x0000000000000000000000009c1185a5c5e9fc54612808977ee8f548b2258d31", Hex.ToHex(Run(p, [])));
        Assert.Equal("0x0000000000000000000000008eb208f7e05d987a9b044a8e98c6b087f15a0bfc", Hex.ToHex(Run(p, Encoding.ASCII.GetBytes("abc"))));
        Assert.Equal(600, p.RequiredGas([]));
        Assert.Equal(720, p.RequiredGas(new byte[32]));
        Assert.Equal(840, p.RequiredGas(new byte[33]));
    }

    [Fact]
    public void Identity()
    {
        var p = new IdentityPrecompile();
        byte[] data = [1, 2, 3, 4, 5];
        byte[] output = Run(p, data);
        Assert.Equal(data, output);
        Assert.NotSame(data, output);
        Assert.Empty(Run(p, []));
        Assert.Equal(15, p.RequiredGas([]));
        Assert.Equal(18, p.RequiredGas(data));
        Assert.Equal(15 + 3 * 4, p.RequiredGas(new byte[97]));
    }

    [Fact]
    public void FixedGasPrices()
    {
        Assert.Equal(150, new Bn254AddPrecompile().RequiredGas([]));
        Assert.Equal(6000, new Bn254MulPrecompile().RequiredGas([]));
        Assert.Equal(0, new Blake2FPrecompile().RequiredGas(new byte[10]));
    }
}
