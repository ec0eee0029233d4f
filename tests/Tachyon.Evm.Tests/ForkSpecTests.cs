using Tachyon.Core.Types;

namespace Tachyon.Evm.Tests;

public class ForkSpecTests
{
    private static Address Precompile(int n) => Address.Parse("0x" + n.ToString("x40"));

    [Fact]
    public void CancunHasPrecompiles1To10()
    {
        for (int i = 1; i <= 0x0a; i++) Assert.True(ForkSpec.Cancun.Precompiles.TryGet(Precompile(i), out _), $"0x{i:x2}");
        Assert.False(ForkSpec.Cancun.Precompiles.TryGet(Precompile(0x0b), out _));
        Assert.Equal(10, ForkSpec.Cancun.Precompiles.Addresses.Count);
    }

    [Fact]
    public void PragueAddsTheBlsPrecompiles()
    {
        for (int i = 1; i <= 0x11; i++) Assert.True(ForkSpec.Prague.Precompiles.TryGet(Precompile(i), out _), $"0x{i:x2}");
        Assert.Equal(17, ForkSpec.Prague.Precompiles.Addresses.Count);
        Assert.True(ForkSpec.Prague.IsEip7702Enabled && ForkSpec.Prague.IsEip7623Enabled);
        Assert.False(ForkSpec.Cancun.IsEip7702Enabled || ForkSpec.Cancun.IsEip7623Enabled);
    }
}
