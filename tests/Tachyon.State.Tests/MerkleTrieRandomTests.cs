using Tachyon.Core.Trie;
using Tachyon.Core.Types;
using Tachyon.State.Trie;

namespace Tachyon.State.Tests;

/// <summary>
/// The live trie on its own: long random insert/update/delete sequences over a small key space
/// (so splits, collapses and re-inserts of the same keys all happen), checked after every commit
/// against Tachyon.Core's in-memory <see cref="PatriciaTrie"/> and against a reopen from the store.
/// </summary>
public class MerkleTrieRandomTests
{
    [Theory]
    [InlineData(1, false, 30)]
    [InlineData(2, true, 600)] // enough updates for the parallel 16-subtrie path
    [InlineData(3, true, 3000)]
    public void RootEqualsCoreTrieAfterEveryCommit(int seed, bool parallel, int perBlock)
    {
        var rng = new Random(seed);
        var store = new MemoryNodeStore();
        var trie = new MerkleTrie(store, [], Hash256.EmptyTrieRoot);
        var reference = new PatriciaTrie();
        var model = new Dictionary<Hash256, byte[]>();
        // Keys share long prefixes in groups so extensions and deep splits appear.
        var keys = new Hash256[perBlock * 2];
        for (int i = 0; i < keys.Length; i++)
        {
            var b = new byte[32];
            rng.NextBytes(b);
            if (i % 3 == 1) keys[i - 1].Bytes[..(1 + rng.Next(20))].CopyTo(b);
            keys[i] = new Hash256(b);
        }
        for (int block = 0; block < 30; block++)
        {
            var ups = new Dictionary<Hash256, byte[]?>();
            for (int u = 0; u < perBlock; u++)
            {
                var k = keys[rng.Next(keys.Length)];
                // Short values make embedded (< 32-byte) nodes; long ones stored nodes.
                ups[k] = rng.Next(4) == 0 ? null : RandomValue(rng);
            }
            var list = new List<TrieUpdate>();
            foreach (var (k, v) in ups)
            {
                list.Add(new TrieUpdate(k, v));
                if (v == null) { reference.Delete(k.Bytes); model.Remove(k); }
                else { reference.Set(k.Bytes, v); model[k] = v; }
            }
            var changes = trie.Apply(list, parallel);
            var root = trie.Commit(changes, parallel);
            store.Add(changes);
            Assert.Equal(reference.RootHash, root);
            if (block % 7 == 6)
            {
                trie = new MerkleTrie(store, [], root);
                foreach (var (k, v) in model) Assert.Equal(v, trie.Get(k));
            }
        }
    }

    [Fact]
    public void OldValuesReportWhatEachKeyHeldBefore()
    {
        var store = new MemoryNodeStore();
        var trie = new MerkleTrie(store, [], Hash256.EmptyTrieRoot);
        Hash256 a = Key(1), b = Key(2);
        var c1 = trie.Apply([new TrieUpdate(a, [1, 2, 3])], false);
        store.Add(c1);
        Assert.Null(c1.OldValues[a]);
        trie.Commit(c1, false);
        var c2 = trie.Apply([new TrieUpdate(a, [4]), new TrieUpdate(b, [5])], false);
        Assert.Equal([1, 2, 3], c2.OldValues[a]);
        Assert.Null(c2.OldValues[b]);
        trie.Commit(c2, false);
        var c3 = trie.Apply([new TrieUpdate(a, null)], false);
        Assert.Equal([4], c3.OldValues[a]);
        Assert.Equal([5], trie.Get(b));
        Assert.Null(trie.Get(a));
    }

    private static Hash256 Key(byte first)
    {
        var b = new byte[32];
        b[0] = first;
        return new Hash256(b);
    }

    private static byte[] RandomValue(Random rng)
    {
        var v = new byte[rng.Next(3) == 0 ? rng.Next(1, 8) : rng.Next(30, 120)];
        rng.NextBytes(v);
        return v;
    }
}
