using Tachyon.Core.Types;

namespace Tachyon.Precompiles.Tests;

public class PrecompileSetTests
{
    private sealed class Fake(byte last) : IPrecompile
    {
        public Address Address { get; } = Address.Parse("0x" + new string('0', 38) + last.ToString("x2"));
        public long RequiredGas(ReadOnlySpan<byte> input) => 1;
        public bool TryRun(ReadOnlySpan<byte> input, out byte[] output) { output = []; return true; }
    }

    private static Address A(int last) => Address.Parse("0x" + new string('0', 38) + last.ToString("x2"));

    [Fact]
    public void CancunHasTheLocalPrecompilesAtTheirAddresses()
    {
        PrecompileSet set = PrecompileSet.Cancun;
        Assert.Equal(Enumerable.Range(1, 10).Select(A), set.Addresses);
        Assert.IsType<EcRecoverPrecompile>(Get(set, 1));
        Assert.True(set.TryGet(A(2), out IPrecompile? p));
        Assert.IsType<Sha256Precompile>(p);
        Assert.IsType<ModExpPrecompile>(Get(set, 5));
        Assert.IsType<Bn254PairingPrecompile>(Get(set, 8));
        Assert.IsType<Blake2FPrecompile>(Get(set, 9));
        Assert.IsType<Tachyon.Precompiles.Kzg.PointEvaluationPrecompile>(Get(set, 0x0a));
        Assert.False(set.TryGet(A(0x0b), out _));
        Assert.False(set.TryGet(Address.Zero, out _));
        foreach (Address a in set.Addresses)
        {
            Assert.True(set.TryGet(a, out IPrecompile? q));
            Assert.Equal(a, q.Address);
        }
    }

    private static IPrecompile Get(PrecompileSet set, int last)
    {
        Assert.True(set.TryGet(A(last), out IPrecompile? p));
        return p;
    }

    [Fact]
    public void PragueAddsTheBlsPrecompiles()
    {
        Assert.Equal(Enumerable.Range(1, 0x11).Select(A), PrecompileSet.Prague.Addresses);
        Assert.IsType<Tachyon.Precompiles.Bls12381.G1AddPrecompile>(Get(PrecompileSet.Prague, 0x0b));
        Assert.IsType<Tachyon.Precompiles.Bls12381.MapFp2ToG2Precompile>(Get(PrecompileSet.Prague, 0x11));
    }

    [Fact]
    public void LookupChecksTheWholeAddress()
    {
        PrecompileSet set = PrecompileSet.Cancun;
        Assert.False(set.TryGet(Address.Parse("0x0100000000000000000000000000000000000002"), out _));
        Assert.False(set.TryGet(Address.Parse("0x0000000000000000000000000000000000000102"), out _));
        Assert.False(set.TryGet(Address.Parse("0x0000000000000000000000000000000000010002"), out _));
        Assert.False(set.TryGet(Address.Parse("0x0000000000000000010000000000000000000002"), out _));
    }

    [Fact]
    public void WithAddsAndReplaces()
    {
        var ecrecover = new Fake(1);
        var pointEval = new Fake(0x0a);
        var sha = new Fake(2);
        PrecompileSet set = PrecompileSet.Cancun.With(ecrecover, pointEval, sha);
        Assert.Equal(Enumerable.Range(1, 10).Select(A), set.Addresses);
        Assert.Same(ecrecover, Get(set, 1));
        Assert.Same(pointEval, Get(set, 0x0a));
        Assert.Same(sha, Get(set, 2));
        Assert.Equal(10, PrecompileSet.Cancun.Count); // the original is unchanged
    }

    [Fact]
    public void ConstructorRejectsDuplicatesAndLargeAddresses()
    {
        Assert.Throws<ArgumentException>(() => new PrecompileSet([new Fake(3), new Fake(3)]));
        var far = new FarAway();
        Assert.Throws<ArgumentException>(() => new PrecompileSet([far]));
    }

    private sealed class FarAway : IPrecompile
    {
        public Address Address { get; } = Address.Parse("0x0000000000000000000000000000000000000100");
        public long RequiredGas(ReadOnlySpan<byte> input) => 0;
        public bool TryRun(ReadOnlySpan<byte> input, out byte[] output) { output = []; return true; }
    }
}
