using Tachyon.Core.Numerics;
using Tachyon.Core.Types;
using Tachyon.State.CrashChild;
using Tachyon.State.Trie;

namespace Tachyon.State.Tests;

public class TrieTests
{
    [Theory]
    [InlineData(false, 40)]
    [InlineData(true, 40)]
    [InlineData(true, 400)] // enough updates for the parallel root-subtrie path
    public void IncrementalRootsMatchFromScratchRoots(bool parallel, int perBlock)
    {
        var store = new MemoryNodeStore();
        var trie = new StateTrie(store, Hash256.EmptyTrieRoot) { Parallel = parallel };
        var model = new StateModel();
        for (ulong n = 0; n < 25; n++)
        {
            var (diff, _) = Workload.Block(7, n, perBlock);
            model.Apply(diff);
            var root = trie.Apply(diff.Accounts, diff.Storage, diff.WipedStorage, out var resolved, out var changes);
            store.Add(changes);
            Assert.Equal(ReferenceRoot.Of(model), root);
            foreach (var (a, acc) in resolved)
            {
                Assert.Equal(model.Accounts.ContainsKey(a), acc.HasValue);
                if (acc is { } v)
                    Assert.Equal(model.Storage.TryGetValue(a, out var s) ? ReferenceRoot.StorageRoot(s) : Hash256.EmptyTrieRoot, v.StorageRoot);
            }
            if (n % 6 == 5)
            {
                // Reopen from stored nodes only: lazy loading must give the same trie.
                trie = new StateTrie(store, root) { Parallel = parallel };
            }
        }
    }

    [Fact]
    public void DeletingEverythingGivesTheEmptyRoot()
    {
        var store = new MemoryNodeStore();
        var trie = new StateTrie(store, Hash256.EmptyTrieRoot);
        var add = new BlockStateDiff();
        for (int i = 0; i < 50; i++)
        {
            add.SetAccount(Workload.AddressOf(i), AccountState.Create((ulong)i, 5));
            add.SetStorage(Workload.AddressOf(i), 1, 2);
        }
        var root = trie.Apply(add.Accounts, add.Storage, add.WipedStorage, out _, out var c1);
        store.Add(c1);
        Assert.NotEqual(Hash256.EmptyTrieRoot, root);
        trie = new StateTrie(store, root);
        var del = new BlockStateDiff();
        for (int i = 0; i < 50; i++) del.DeleteAccount(Workload.AddressOf(i));
        Assert.Equal(Hash256.EmptyTrieRoot, trie.Apply(del.Accounts, del.Storage, del.WipedStorage, out _, out var c2));
        // Every stored record of the old trie is reported dead.
        var born = Enumerable.Range(0, c1.NewNodes.Count).Select(i => Convert.ToHexString(c1.NewNodes.KeyAt(i).ToArray()));
        Assert.Equal(born.Order(), c2.DeadNodes.Select(k => Convert.ToHexString(k.ToArray())).Order());
    }

    [Fact]
    public void SingleSmallStorageSlotRootIsStoredAndReloads()
    {
        var store = new MemoryNodeStore();
        var trie = new StateTrie(store, Hash256.EmptyTrieRoot);
        var a = Workload.AddressOf(1);
        var d = new BlockStateDiff();
        d.SetAccount(a, AccountState.Create(1, 1));
        d.SetStorage(a, 3, 1); // leaf encoding < 32 bytes: the root node is short
        var root = trie.Apply(d.Accounts, d.Storage, d.WipedStorage, out var resolved, out var c);
        store.Add(c);
        var expected = ReferenceRoot.StorageRoot(new Dictionary<UInt256, UInt256> { [3] = 1 });
        Assert.Equal(expected, resolved[a]!.Value.StorageRoot);
        var reopened = new StateTrie(store, root);
        var d2 = new BlockStateDiff();
        d2.SetStorage(a, 4, 9);
        reopened.Apply(d2.Accounts, d2.Storage, d2.WipedStorage, out var r2, out _);
        Assert.Equal(ReferenceRoot.StorageRoot(new Dictionary<UInt256, UInt256> { [3] = 1, [4] = 9 }), r2[a]!.Value.StorageRoot);
    }
}
