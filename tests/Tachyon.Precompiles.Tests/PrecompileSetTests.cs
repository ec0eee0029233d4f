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
    public void TachyonL2AddsP256VerifyAt0x100()
    {
        Address p256 = Address.Parse("0x0000000000000000000000000000000000000100");
        Assert.Equal([.. Enumerable.Range(1, 0x11).Select(A), p256], PrecompileSet.TachyonL2.Addresses);
        Assert.True(PrecompileSet.TachyonL2.TryGet(p256, out IPrecompile? p));
        Assert.IsType<Tachyon.Precompiles.P256.P256VerifyPrecompile>(p);
        Assert.IsType<Tachyon.Precompiles.Bls12381.G1AddPrecompile>(Get(PrecompileSet.TachyonL2, 0x0b));
        // Not part of Ethereum's sets.
        Assert.False(PrecompileSet.Prague.TryGet(p256, out _));
        Assert.False(PrecompileSet.Cancun.TryGet(p256, out _));
        // Neighbours and aliases of 0x100 are not precompiles.
        foreach (string a in new[] { "0x00000000000000000000000000000000000000ff", "0x0000000000000000000000000000000000000101",
                     "0x0000000000000000000000000000000000000200", "0x0000000000000000000000000000000000010100",
                     "0x0000000000000000000000000000000000000000", "0x1000000000000000000000000000000000000100",
                     "0x000000000000000000000000000000000000ff00" })
            Assert.False(PrecompileSet.TachyonL2.TryGet(Address.Parse(a), out _), a);
        foreach (Address a in PrecompileSet.TachyonL2.Addresses)
        {
            Assert.True(PrecompileSet.TachyonL2.TryGet(a, out IPrecompile? q));
            Assert.Equal(a, q.Address);
        }
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
        Assert.Throws<ArgumentException>(() => new PrecompileSet([new FarAway("0x0000000000000000000000000000000000010000")]));
        Assert.Throws<ArgumentException>(() => new PrecompileSet([new FarAway("0x0100000000000000000000000000000000000001")]));
        // Two-byte addresses (RIP precompiles such as 0x100) are fine, and so is the largest one.
        Assert.Single(new PrecompileSet([new FarAway("0x0000000000000000000000000000000000000100")]).Addresses);
        var top = new PrecompileSet([new FarAway("0x000000000000000000000000000000000000ffff"), new Fake(1)]);
        Assert.True(top.TryGet(Address.Parse("0x000000000000000000000000000000000000ffff"), out _));
        Assert.False(top.TryGet(Address.Parse("0x000000000000000000000000000000000000fffe"), out _));
    }

    private sealed class FarAway(string address) : IPrecompile
    {
        public Address Address { get; } = Address.Parse(address);
        public long RequiredGas(ReadOnlySpan<byte> input) => 0;
        public bool TryRun(ReadOnlySpan<byte> input, out byte[] output) { output = []; return true; }
    }
}
