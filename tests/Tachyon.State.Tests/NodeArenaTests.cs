using Tachyon.Core.Numerics;
using Tachyon.Core.Trie;
using Tachyon.Core.Types;
using Tachyon.State.CrashChild;
using Tachyon.State.Trie;

namespace Tachyon.State.Tests;

/// <summary>The arena under the live trie: freed nodes, child slots and byte blocks are reused, never leaked.</summary>
public class NodeArenaTests
{
    private static Hash256 RandomKey(Random rng)
    {
        var b = new byte[32];
        rng.NextBytes(b);
        return new Hash256(b);
    }

    private static byte[] RandomValue(Random rng)
    {
        // Sizes across several 16-byte block classes, some short enough for embedded nodes.
        var v = new byte[rng.Next(1, 140)];
        rng.NextBytes(v);
        return v;
    }

    [Fact]
    public void DeletingEverythingFreesEveryNodeAndRefillingReusesThem()
    {
        var rng = new Random(5);
        var arena = new NodeArena();
        var trie = new MerkleTrie(new MemoryNodeStore(), arena, [], Hash256.EmptyTrieRoot);
        var keys = Enumerable.Range(0, 3000).Select(_ => RandomKey(rng)).ToArray();
        var fill = keys.Select(k => new TrieUpdate(k, RandomValue(rng))).ToList();
        trie.Commit(trie.Apply(fill, parallel: true), parallel: true);
        int live = arena.LiveNodes, capacity = arena.Capacity;
        Assert.True(live > 3000);

        var clear = keys.Select(k => new TrieUpdate(k, null)).ToList();
        Assert.Equal(Hash256.EmptyTrieRoot, trie.Commit(trie.Apply(clear, parallel: true), parallel: true));
        Assert.Equal(0, arena.LiveNodes);

        trie.Commit(trie.Apply(fill, parallel: true), parallel: true);
        Assert.Equal(live, arena.LiveNodes);
        Assert.Equal(capacity, arena.Capacity); // every handle came off the free list
    }

    [Fact]
    public void ChurnKeepsTheArenaBoundedAndRootsRight()
    {
        var rng = new Random(9);
        var arena = new NodeArena();
        var trie = new MerkleTrie(new MemoryNodeStore(), arena, [], Hash256.EmptyTrieRoot);
        var reference = new PatriciaTrie();
        var keys = Enumerable.Range(0, 2000).Select(_ => RandomKey(rng)).ToArray();
        int peakLive = 0;
        for (int block = 0; block < 60; block++)
        {
            var ups = new Dictionary<Hash256, byte[]?>();
            for (int i = 0; i < 500; i++) ups[keys[rng.Next(keys.Length)]] = rng.Next(3) == 0 ? null : RandomValue(rng);
            var list = new List<TrieUpdate>();
            foreach (var (k, v) in ups)
            {
                list.Add(new TrieUpdate(k, v));
                if (v == null) reference.Delete(k.Bytes);
                else reference.Set(k.Bytes, v);
            }
            Assert.Equal(reference.RootHash, trie.Commit(trie.Apply(list, parallel: block % 2 == 0), parallel: true));
            peakLive = Math.Max(peakLive, arena.LiveNodes);
        }
        // Without reuse the arena would grow by the ~1000 nodes each block replaces.
        Assert.True(arena.Capacity < peakLive + 600, $"capacity {arena.Capacity}, peak live {peakLive}");
    }

    [Fact]
    public void ReleaseFreesOnlyResidentNodesAndLoadsNothing()
    {
        var rng = new Random(3);
        var store = new MemoryNodeStore();
        var arena = new NodeArena();
        var trie = new MerkleTrie(store, arena, [], Hash256.EmptyTrieRoot);
        var ups = Enumerable.Range(0, 500).Select(_ => new TrieUpdate(RandomKey(rng), RandomValue(rng))).ToList();
        var changes = trie.Apply(ups, parallel: false);
        var root = trie.Commit(changes, parallel: false);
        store.Add(changes);
        trie.Release();
        Assert.Equal(0, arena.LiveNodes);

        // Reopened, one lookup loads one path; releasing frees exactly what was loaded.
        var reopened = new MerkleTrie(store, arena, [], root);
        Assert.Equal(ups[7].Value, reopened.Get(ups[7].Key));
        Assert.InRange(arena.LiveNodes, 2, 200);
        reopened.Release();
        Assert.Equal(0, arena.LiveNodes);
    }

    [Fact]
    public void ATooLongValueIsRejectedBeforeAnythingChanges()
    {
        var rng = new Random(4);
        var trie = new MerkleTrie(new MemoryNodeStore(), [], Hash256.EmptyTrieRoot);
        var a = RandomKey(rng);
        var root = trie.Commit(trie.Apply([new TrieUpdate(a, [1, 2, 3])], false), false);
        var huge = new byte[NodeArena.MaxValueLength + 1];
        Assert.Throws<ArgumentException>(() => trie.Apply([new TrieUpdate(a, null), new TrieUpdate(RandomKey(rng), huge)], false));
        Assert.Equal([1, 2, 3], trie.Get(a));
        Assert.Equal(root, trie.Commit(new TrieChanges(), false));
    }

    [Fact]
    public void DeletedAccountsReturnTheirStorageTriesToTheArena()
    {
        var trie = new StateTrie(new MemoryNodeStore(), Hash256.EmptyTrieRoot);
        var add = new BlockStateDiff();
        for (int i = 0; i < 40; i++)
        {
            add.SetAccount(Workload.AddressOf(i), AccountState.Create((ulong)i, 5));
            for (int s = 0; s < 20; s++) add.SetStorage(Workload.AddressOf(i), (ulong)s, (ulong)(s + 1));
        }
        trie.Apply(add.Accounts, add.Storage, add.WipedStorage, out _, out _);
        Assert.True(trie.Resident.Nodes > 40 * 20);
        // Deletions without wipes: nothing walks the storage tries, dropping them must free their nodes.
        var deleted = new Dictionary<Address, AccountState?>();
        for (int i = 0; i < 40; i++) deleted[Workload.AddressOf(i)] = null;
        var root = trie.Apply(deleted, new Dictionary<StorageKey, UInt256>(), new HashSet<Address>(), out _, out _);
        Assert.Equal(Hash256.EmptyTrieRoot, root);
        Assert.Equal(0, trie.Resident.Nodes);
    }
}
