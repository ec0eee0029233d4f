using BenchmarkDotNet.Attributes;
using Org.BouncyCastle.Crypto.Digests;
using Tachyon.Core.Crypto;

namespace Tachyon.Benchmarks;

/// <summary>Tachyon's Keccak-256 against BouncyCastle's KeccakDigest (the baseline) on the same input.</summary>
[MemoryDiagnoser]
public class KeccakBenchmarks
{
    private byte[] _data = [];
    private readonly byte[] _out = new byte[32];
    private readonly KeccakDigest _bouncy = new(256);

    [Params(32, 64, 1024)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _data = new byte[Size];
        new Random(42).NextBytes(_data);
    }

    [Benchmark(Baseline = true)]
    public byte[] BouncyCastle()
    {
        _bouncy.BlockUpdate(_data, 0, _data.Length);
        _bouncy.DoFinal(_out, 0);
        return _out;
    }

    [Benchmark]
    public byte[] Tachyon()
    {
        Keccak256.Hash(_data, _out);
        return _out;
    }
}
