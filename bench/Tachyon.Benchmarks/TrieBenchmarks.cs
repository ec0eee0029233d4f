using BenchmarkDotNet.Attributes;
using Tachyon.Core.Trie;
using Tachyon.Core.Types;

namespace Tachyon.Benchmarks;

/// <summary>
/// Secure-trie root from scratch (10k entries), incremental root after 100 updates in a 100k trie,
/// and an ordered (transactions-style) root of 500 items.
/// </summary>
[MemoryDiagnoser]
public class TrieBenchmarks
{
    private const int FreshCount = 10_000;
    private const int BigCount = 100_000;
    private const int UpdatesPerRound = 100;
    private const int Rounds = 64;

    private byte[][] _freshKeys = [];
    private byte[][] _freshValues = [];
    private SecureTrie _big = new();
    private byte[][] _bigKeys = [];
    private int[][] _updateBatches = [];
    private byte[] _updateValue = [];
    private int _round;
    private List<ReadOnlyMemory<byte>> _items = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _freshKeys = RandomArrays(random, FreshCount, 32);
        _freshValues = RandomArrays(random, FreshCount, 100);

        _bigKeys = RandomArrays(random, BigCount, 32);
        _big = new SecureTrie();
        foreach (byte[] key in _bigKeys) _big.Set(key, RandomArrays(random, 1, 100)[0]);
        _ = _big.RootHash;
        _updateBatches = Enumerable.Range(0, Rounds)
            .Select(_ => Enumerable.Range(0, UpdatesPerRound).Select(_ => random.Next(BigCount)).ToArray()).ToArray();
        _updateValue = RandomArrays(random, 1, 100)[0];

        _items = RandomArrays(random, 500, 150).Select(x => (ReadOnlyMemory<byte>)x).ToList();
    }

    [Benchmark]
    public Hash256 SecureTrie_Insert10k_Root()
    {
        var trie = new SecureTrie();
        for (int i = 0; i < FreshCount; i++) trie.Set(_freshKeys[i], _freshValues[i]);
        return trie.RootHash;
    }

    [Benchmark]
    public Hash256 SecureTrie100k_Update100_Root()
    {
        // A fresh counter in every value, so no update is a no-op however often batches repeat.
        int round = _round++;
        byte[] value = _updateValue;
        BitConverter.TryWriteBytes(value, round);
        foreach (int index in _updateBatches[round % Rounds]) _big.Set(_bigKeys[index], value);
        return _big.RootHash;
    }

    [Benchmark]
    public Hash256 OrderedRoot_500Items() => TrieRoots.OrderedRoot(_items);

    private static byte[][] RandomArrays(Random random, int count, int size)
    {
        var arrays = new byte[count][];
        for (int i = 0; i < count; i++)
        {
            arrays[i] = new byte[size];
            random.NextBytes(arrays[i]);
        }
        return arrays;
    }
}
