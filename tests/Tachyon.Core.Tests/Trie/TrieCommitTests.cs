using Tachyon.Core.Crypto;
using Tachyon.Core.Rlp;
using Tachyon.Core.Trie;
using Tachyon.Core.Types;
using static Tachyon.Core.Tests.Trie.TrieRandomTests;

namespace Tachyon.Core.Tests.Trie;

/// <summary>Commit emits exactly what a node store needs to rebuild every committed root.</summary>
public class TrieCommitTests
{
    [Theory]
    [InlineData(41, KeyShape.Hashed32)]
    [InlineData(42, KeyShape.ShortDense)]
    [InlineData(43, KeyShape.Ordinal)]
    public void CommittedNodesRebuildEveryRoot(int seed, KeyShape shape)
    {
        var random = new Random(seed);
        var trie = new PatriciaTrie();
        var store = new Dictionary<Hash256, byte[]>();
        var model = new SortedDictionary<byte[], byte[]>(ByteComparer.Instance);
        for (int round = 0; round < 6; round++)
        {
            for (int i = 0; i < 300; i++)
            {
                byte[] k = model.Count > 0 && random.Next(3) == 0 ? model.Keys.ElementAt(random.Next(model.Count)) : NewKey(random, shape);
                if (random.Next(4) == 0) { trie.Delete(k); model.Remove(k); }
                else { byte[] v = NewValue(random); trie.Set(k, v); model[k] = v; }
            }
            trie.Commit((hash, rlp) =>
            {
                Assert.Equal(hash, Keccak256.Compute(rlp.Span));
                store[hash] = rlp.ToArray();
            });
            var rebuilt = new SortedDictionary<byte[], byte[]>(ByteComparer.Instance);
            ReadBack(store, trie.RootHash, rebuilt);
            Assert.Equal(model.Select(e => Hex.ToHex(e.Key) + "=" + Hex.ToHex(e.Value)), rebuilt.Select(e => Hex.ToHex(e.Key) + "=" + Hex.ToHex(e.Value)));
        }
    }

    [Fact]
    public void OneUpdateEmitsOnlyItsPath()
    {
        var random = new Random(44);
        var trie = new PatriciaTrie();
        var keys = new List<byte[]>();
        for (int i = 0; i < 10_000; i++)
        {
            keys.Add(NewKey(random, KeyShape.Hashed32));
            trie.Set(keys[^1], new byte[40]);
        }
        Assert.True(trie.Commit((_, _) => { }) > 10_000);
        Assert.Equal(0, trie.Commit((_, _) => { }));

        trie.Set(keys[123], new byte[41]);
        Assert.False(trie.RootHasCachedReference);
        int emitted = trie.Commit((_, _) => { });
        Assert.InRange(emitted, 2, 8); // leaf, its branches, the root: log16(10k) ~ 4 levels

        trie.Set(keys[123], new byte[41]); // same value: nothing changes
        Assert.True(trie.RootHasCachedReference);
        Assert.Equal(0, trie.Commit((_, _) => { }));
    }

    [Fact]
    public void SmallRootIsEmittedUnderItsHash()
    {
        var trie = new PatriciaTrie();
        trie.Set([1], [2]);
        var emitted = new List<Hash256>();
        Assert.Equal(1, trie.Commit((h, _) => emitted.Add(h)));
        Assert.Equal(trie.RootHash, emitted[0]);
    }

    /// <summary>Walks the stored nodes from the root and collects every key/value.</summary>
    private static void ReadBack(Dictionary<Hash256, byte[]> store, Hash256 root, SortedDictionary<byte[], byte[]> into)
    {
        if (root == Hash256.EmptyTrieRoot) return;
        Visit(store[root], [], store, into);
    }

    private static void Visit(ReadOnlySpan<byte> node, List<byte> nibbles, Dictionary<Hash256, byte[]> store, SortedDictionary<byte[], byte[]> into)
    {
        var reader = new RlpReader(node).ReadList();
        var items = new List<byte[]>();
        while (reader.HasMore) items.Add(reader.ReadRaw().ToArray());
        if (items.Count == 17)
        {
            byte[] value = new RlpReader(items[16]).ReadBytes().ToArray();
            if (value.Length > 0) into[Pack(nibbles)] = value;
            for (int i = 0; i < 16; i++)
                Follow(items[i], [.. nibbles, (byte)i], store, into);
            return;
        }
        byte[] compact = new RlpReader(items[0]).ReadBytes().ToArray();
        var path = new List<byte>(nibbles);
        int flag = compact[0] >> 4;
        if ((flag & 1) == 1) path.Add((byte)(compact[0] & 0xF));
        foreach (byte b in compact.Skip(1)) { path.Add((byte)(b >> 4)); path.Add((byte)(b & 0xF)); }
        if (flag >= 2) into[Pack(path)] = new RlpReader(items[1]).ReadBytes().ToArray();
        else Follow(items[1], path, store, into);
    }

    private static void Follow(byte[] reference, List<byte> nibbles, Dictionary<Hash256, byte[]> store, SortedDictionary<byte[], byte[]> into)
    {
        if (new RlpReader(reference).PeekIsList) { Visit(reference, nibbles, store, into); return; }
        byte[] hash = new RlpReader(reference).ReadBytes().ToArray();
        if (hash.Length == 0) return;
        Assert.True(store.TryGetValue(new Hash256(hash), out byte[]? child), "committed store is missing a node");
        Visit(child, nibbles, store, into);
    }

    private static byte[] Pack(List<byte> nibbles) =>
        Enumerable.Range(0, nibbles.Count / 2).Select(i => (byte)((nibbles[2 * i] << 4) | nibbles[2 * i + 1])).ToArray();
}
