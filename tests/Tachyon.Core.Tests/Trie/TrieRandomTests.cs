using Tachyon.Core.Trie;
using Tachyon.Core.Types;

namespace Tachyon.Core.Tests.Trie;

/// <summary>Seeded random workloads checked against a fresh rebuild and the Yellow Paper oracle.</summary>
public class TrieRandomTests
{
    public enum KeyShape { Hashed32, ShortDense, Ordinal }

    [Theory]
    [InlineData(1, KeyShape.Hashed32, 4000)]
    [InlineData(2, KeyShape.Hashed32, 4000)]
    [InlineData(3, KeyShape.ShortDense, 4000)]
    [InlineData(4, KeyShape.ShortDense, 4000)]
    [InlineData(5, KeyShape.Ordinal, 3000)]
    public void RandomWorkloadMatchesRebuildAndOracle(int seed, KeyShape shape, int operations)
    {
        var random = new Random(seed);
        var trie = new PatriciaTrie();
        var model = new SortedDictionary<byte[], byte[]>(ByteComparer.Instance);
        var keys = new List<byte[]>();

        for (int op = 0; op < operations; op++)
        {
            int roll = random.Next(100);
            if (roll < 25 && model.Count > 0)
            {
                byte[] victim = keys[random.Next(keys.Count)];
                Assert.Equal(model.Remove(victim), trie.Delete(victim));
            }
            else if (roll < 30 && model.Count > 0)
            {
                // Setting an empty value is a delete, as in Ethereum.
                byte[] victim = keys[random.Next(keys.Count)];
                model.Remove(victim);
                trie.Set(victim, []);
            }
            else
            {
                byte[] key = roll < 55 && keys.Count > 0 ? keys[random.Next(keys.Count)] : NewKey(random, shape);
                byte[] value = NewValue(random);
                if (!model.ContainsKey(key)) keys.Add(key);
                model[key] = value;
                trie.Set(key, value);
            }
            // Hash now and then so later updates exercise cached references.
            if (op % 97 == 0) _ = trie.RootHash;
            if (op % 1000 == 999) Assert.Equal(ReferenceTrie.Root(model), trie.RootHash);
        }

        Hash256 root = trie.RootHash;
        Assert.Equal(ReferenceTrie.Root(model), root);

        var rebuilt = new PatriciaTrie();
        var shuffled = model.ToArray();
        random.Shuffle(shuffled);
        foreach (var (k, v) in shuffled) rebuilt.Set(k, v);
        Assert.Equal(root, rebuilt.RootHash);

        foreach (var (k, v) in model) Assert.Equal(v, trie.Get(k));
        Assert.Equal(model.Keys.Select(k => Hex.ToHex(k)), trie.Enumerate().Select(e => Hex.ToHex(e.Key)));
        CheckNextPrevious(trie, model.Keys.ToList(), random, shape);
    }

    [Fact]
    public void DeletingEverythingGivesTheEmptyRoot()
    {
        var random = new Random(11);
        var trie = new PatriciaTrie();
        var keys = Enumerable.Range(0, 2000).Select(_ => NewKey(random, KeyShape.ShortDense)).Distinct(ByteComparer.Instance).ToList();
        foreach (var k in keys) trie.Set(k, NewValue(random));
        _ = trie.RootHash;
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(keys));
        foreach (var k in keys) Assert.True(trie.Delete(k));
        Assert.True(trie.IsEmpty);
        Assert.Equal(Hash256.EmptyTrieRoot, trie.RootHash);
    }

    [Fact]
    public void ParallelHashingOfABigBatchMatchesTheOracle()
    {
        // More changes than the parallel threshold between two root computations.
        var random = new Random(12);
        var trie = new PatriciaTrie();
        var model = new Dictionary<byte[], byte[]>(ByteComparer.Instance);
        for (int i = 0; i < 5000; i++)
        {
            byte[] k = NewKey(random, KeyShape.Hashed32), v = NewValue(random);
            trie.Set(k, v);
            model[k] = v;
        }
        Assert.Equal(ReferenceTrie.Root(model), trie.RootHash);
        foreach (var k in model.Keys.Take(3000).ToList())
        {
            model[k] = NewValue(random);
            trie.Set(k, model[k]);
        }
        Assert.Equal(ReferenceTrie.Root(model), trie.RootHash);
    }

    [Fact]
    public void SecureTrieEqualsPlainTrieOverHashedKeys()
    {
        var random = new Random(13);
        var secure = new SecureTrie();
        var plain = new PatriciaTrie();
        for (int i = 0; i < 500; i++)
        {
            byte[] k = NewKey(random, KeyShape.ShortDense), v = NewValue(random);
            secure.Set(k, v);
            plain.Set(Core.Crypto.Keccak256.HashToArray(k), v);
            Assert.Equal(v, secure.Get(k));
        }
        Assert.Equal(plain.RootHash, secure.RootHash);
    }

    private static void CheckNextPrevious(PatriciaTrie trie, List<byte[]> sorted, Random random, KeyShape shape)
    {
        var probes = sorted.Take(200).Concat(Enumerable.Range(0, 300).Select(_ => NewKey(random, shape))).ToList();
        probes.Add([]);
        foreach (byte[] probe in probes)
        {
            int index = sorted.BinarySearch(probe, ByteComparer.Instance);
            int after = index >= 0 ? index + 1 : ~index;
            int before = (index >= 0 ? index : ~index) - 1;
            Assert.Equal(after < sorted.Count, trie.TryGetNextKey(probe, out byte[]? next));
            if (next != null) Assert.Equal(sorted[after], next);
            Assert.Equal(before >= 0, trie.TryGetPreviousKey(probe, out byte[]? prev));
            if (prev != null) Assert.Equal(sorted[before], prev);
        }
    }

    internal static byte[] NewKey(Random random, KeyShape shape)
    {
        switch (shape)
        {
            case KeyShape.Hashed32:
                var k = new byte[32];
                random.NextBytes(k);
                return k;
            case KeyShape.ShortDense:
                // Few distinct bytes and lengths 0..4: keys that are prefixes of others, values in branches.
                byte[] alphabet = [0x00, 0x01, 0x10, 0x11, 0xF0, 0xFF];
                return Enumerable.Range(0, random.Next(5)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray();
            default:
                return Core.Rlp.Rlp.Encode((ulong)random.Next(600));
        }
    }

    // Mostly short values (embedded nodes), some long ones (hashed leaves).
    internal static byte[] NewValue(Random random)
    {
        var v = new byte[random.Next(4) == 0 ? random.Next(33, 120) : random.Next(1, 8)];
        random.NextBytes(v);
        return v;
    }
}

internal sealed class ByteComparer : IComparer<byte[]>, IEqualityComparer<byte[]>
{
    public static readonly ByteComparer Instance = new();

    public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);

    public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

    public int GetHashCode(byte[] obj)
    {
        var h = new HashCode();
        h.AddBytes(obj);
        return h.ToHashCode();
    }
}
