using Tachyon.Core.Crypto;

namespace Tachyon.Core.Tests.Crypto;

/// <summary>The permutation itself: a known answer, and the AVX-512 path against the scalar one.</summary>
public class KeccakF1600Tests
{
    // Keccak-f[1600] applied to the all-zero state (first lanes of the Keccak team's published intermediate values).
    private const ulong ZeroStateLane0 = 0xF1258F7940E1DDE7UL;
    private const ulong ZeroStateLane1 = 0x84D5CCF933C0478AUL;

    [Fact]
    public void ScalarPermutationOfZeroStateMatchesKnownAnswer()
    {
        var state = new ulong[25];
        KeccakF1600.PermuteScalar(state);
        Assert.Equal(ZeroStateLane0, state[0]);
        Assert.Equal(ZeroStateLane1, state[1]);
    }

    [Fact]
    public void DispatchedPermutationOfZeroStateMatchesKnownAnswer()
    {
        var state = new ulong[25];
        KeccakF1600.Permute(state);
        Assert.Equal(ZeroStateLane0, state[0]);
        Assert.Equal(ZeroStateLane1, state[1]);
    }

    [Fact]
    public void Avx512PermutationMatchesScalarOnRandomStates()
    {
        if (!KeccakF1600.IsVectorized) return; // nothing to compare on this machine
        var rng = new Random(1600);
        var scalar = new ulong[25];
        var vector = new ulong[25];
        for (int trial = 0; trial < 500; trial++)
        {
            for (int i = 0; i < 25; i++) scalar[i] = vector[i] = (ulong)rng.NextInt64() ^ ((ulong)rng.Next() << 63);
            // Several chained applications also exercise the state round-tripping through the locals.
            for (int k = 0; k < 3; k++)
            {
                KeccakF1600.PermuteScalar(scalar);
                KeccakF1600.PermuteAvx512(vector);
                Assert.Equal(scalar, vector);
            }
        }
    }

    [Fact]
    public void Avx512AbsorbMatchesScalarAbsorb()
    {
        if (!KeccakF1600.IsVectorized || !BitConverter.IsLittleEndian) return;
        var rng = new Random(136);
        var scalar = new ulong[25];
        var vector = new ulong[25];
        foreach (int blocks in new[] { 1, 2, 3, 7 })
        {
            var data = new byte[blocks * KeccakF1600.Rate + rng.Next(KeccakF1600.Rate)];
            rng.NextBytes(data);
            for (int i = 0; i < 25; i++) scalar[i] = vector[i] = (ulong)rng.NextInt64();
            Assert.Equal(blocks * KeccakF1600.Rate, KeccakF1600.AbsorbBlocksScalar(scalar, data));
            Assert.Equal(blocks * KeccakF1600.Rate, KeccakF1600.AbsorbBlocksAvx512(vector, data));
            Assert.Equal(scalar, vector);
        }
    }

    [Fact]
    public void ScalarAbsorbEqualsXorThenPermute()
    {
        var rng = new Random(17);
        var data = new byte[2 * KeccakF1600.Rate + 5];
        rng.NextBytes(data);
        var viaAbsorb = new ulong[25];
        var manual = new ulong[25];
        for (int i = 0; i < 25; i++) viaAbsorb[i] = manual[i] = (ulong)rng.NextInt64();
        Assert.Equal(2 * KeccakF1600.Rate, KeccakF1600.AbsorbBlocksScalar(viaAbsorb, data));
        for (int block = 0; block < 2; block++)
        {
            for (int i = 0; i < KeccakF1600.Rate / 8; i++)
                manual[i] ^= BitConverter.ToUInt64(data, block * KeccakF1600.Rate + i * 8);
            KeccakF1600.PermuteScalar(manual);
        }
        Assert.Equal(manual, viaAbsorb);
    }

    [Fact]
    public void ShortStateIsRejected()
    {
        Assert.Throws<ArgumentException>(() => KeccakF1600.Permute(new ulong[24]));
        Assert.Throws<ArgumentException>(() => KeccakF1600.AbsorbBlocks(new ulong[24], new byte[KeccakF1600.Rate]));
    }
}
