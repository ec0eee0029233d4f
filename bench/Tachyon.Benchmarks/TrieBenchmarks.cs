using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Tachyon.Core.Crypto;
using Tachyon.Core.Rlp;
using Tachyon.Core.Trie;
using Tachyon.Core.Types;

namespace Tachyon.Benchmarks;

/// <summary>
/// Secure-trie root from scratch (10k entries), incremental root after 100 updates in a 100k trie,
/// and a transactions-style ordered root of 500 items. Each is compared against its floor: one
/// Keccak-256 pass over exactly the bytes it must hash (keys and the node encodings it produces).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
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

    // What each workload hashes, for the baselines.
    private byte[][] _freshHashed = [];
    private byte[][] _updateHashed = [];
    private byte[][] _orderedHashed = [];
    private readonly byte[] _digest = new byte[32];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _freshKeys = RandomArrays(random, FreshCount, 32);
        _freshValues = RandomArrays(random, FreshCount, 100);
        var fresh = new SecureTrie();
        for (int i = 0; i < FreshCount; i++) fresh.Set(_freshKeys[i], _freshValues[i]);
        _freshHashed = [.. _freshKeys, .. Emitted(fresh.Trie)];

        _bigKeys = RandomArrays(random, BigCount, 32);
        _big = new SecureTrie();
        foreach (byte[] key in _bigKeys) _big.Set(key, RandomArrays(random, 1, 100)[0]);
        _big.Commit((_, _) => { });
        _updateBatches = Enumerable.Range(0, Rounds)
            .Select(_ => Enumerable.Range(0, UpdatesPerRound).Select(_ => random.Next(BigCount)).ToArray()).ToArray();
        _updateValue = RandomArrays(random, 1, 100)[0];
        SecureTrie100k_Update100_Root();
        _updateHashed = [.. _updateBatches[0].Select(i => _bigKeys[i]), .. Emitted(_big.Trie)];

        _items = RandomArrays(random, 500, 150).Select(x => (ReadOnlyMemory<byte>)x).ToList();
        var ordered = new PatriciaTrie();
        for (int i = 0; i < _items.Count; i++) ordered.SetShared(Rlp.Encode((ulong)i), _items[i]);
        _orderedHashed = Emitted(ordered);
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Fresh10k")]
    public byte[] Keccak_Floor_Insert10k() => HashAll(_freshHashed);

    [Benchmark, BenchmarkCategory("Fresh10k")]
    public Hash256 SecureTrie_Insert10k_Root()
    {
        var trie = new SecureTrie();
        for (int i = 0; i < FreshCount; i++) trie.Set(_freshKeys[i], _freshValues[i]);
        return trie.RootHash;
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Update100of100k")]
    public byte[] Keccak_Floor_Update100() => HashAll(_updateHashed);

    [Benchmark, BenchmarkCategory("Update100of100k")]
    public Hash256 SecureTrie100k_Update100_Root()
    {
        // A fresh counter in every value, so no update is a no-op however often batches repeat.
        int round = _round++;
        BitConverter.TryWriteBytes(_updateValue, round);
        foreach (int index in _updateBatches[round % Rounds]) _big.Set(_bigKeys[index], _updateValue);
        return _big.RootHash;
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Ordered500")]
    public byte[] Keccak_Floor_Ordered500() => HashAll(_orderedHashed);

    [Benchmark, BenchmarkCategory("Ordered500")]
    public Hash256 OrderedRoot_500Items() => TrieRoots.OrderedRoot(_items);

    private byte[] HashAll(byte[][] inputs)
    {
        foreach (byte[] input in inputs) Keccak256.Hash(input, _digest);
        return _digest;
    }

    /// <summary>Encodings of the nodes hashed since the trie's last commit.</summary>
    private static byte[][] Emitted(PatriciaTrie trie)
    {
        var nodes = new List<byte[]>();
        trie.Commit((_, rlp) => nodes.Add(rlp.ToArray()));
        return [.. nodes];
    }

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
