using Tachyon.Core.Crypto;
using Tachyon.Core.Types;
using Tachyon.State.CrashChild;
using Tachyon.State.Storage;
using Tachyon.State.Trie;

namespace Tachyon.State.Tests;

public class PruningTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task StoredNodesAreExactlyThoseReachableFromTheWindowRoots(int window)
    {
        using var dir = new TempDir();
        var roots = new List<Hash256>();
        using (var state = LayeredState.Open(dir.Path, new LayeredStateOptions { HistoryWindow = window, Durability = DurabilityMode.Async }))
        {
            for (ulong n = 0; n < 30; n++)
            {
                var (diff, block) = Workload.Block(5, n);
                roots.Add(await state.Commit(diff, block).RootTask);
            }
            state.WaitForPersistence();
            Assert.True(state.Stats.NodesPruned > 0);
        }
        var db = new StateDb(dir.Path);
        try
        {
            var stored = new HashSet<string>();
            using (var it = db.NewIterator(db.TrieCf))
                for (it.SeekToFirst(); it.Valid(); it.Next()) stored.Add(Convert.ToHexString(it.Key()));
            var reachable = new HashSet<string>();
            var owners = Enumerable.Range(0, Workload.Pool).Select(Workload.AddressOf).ToDictionary(a => Keccak256.Compute(a.Bytes), a => a);
            foreach (var root in roots.TakeLast(window)) Walk(db, [], [], root, reachable, owners);
            Assert.Equal(reachable.Order(), stored.Order());
        }
        finally { db.Dispose(); }
    }

    private static void Walk(StateDb db, byte[] prefix, byte[] path, Hash256 root, HashSet<string> reachable, Dictionary<Hash256, Address>? owners)
    {
        if (root == Hash256.EmptyTrieRoot) return;
        byte[] key = [.. prefix, .. root.Bytes];
        reachable.Add(Convert.ToHexString(key));
        byte[] enc = db.Get(db.TrieCf, key) ?? throw new Xunit.Sdk.XunitException($"missing node {Convert.ToHexString(key)}");
        Visit(db, prefix, NodeCodec.Decode(enc, root), path, reachable, owners);
    }

    private static void Visit(StateDb db, byte[] prefix, TrieNode node, byte[] path, HashSet<string> reachable, Dictionary<Hash256, Address>? owners)
    {
        switch (node)
        {
            case HashNode h:
                Walk(db, prefix, path, h.Hash, reachable, owners);
                break;
            case BranchNode b:
                for (int i = 0; i < 16; i++)
                    if (b.Children[i] is { } c) Visit(db, prefix, c, [.. path, (byte)i], reachable, owners);
                break;
            case ExtensionNode e:
                Visit(db, prefix, e.Child, [.. path, .. e.Path], reachable, owners);
                break;
            case LeafNode l when owners != null:
                byte[] full = [.. path, .. l.Path];
                var keyBytes = new byte[32];
                for (int i = 0; i < 64; i++) keyBytes[i / 2] |= (byte)(i % 2 == 0 ? full[i] << 4 : full[i]);
                var address = owners[new Hash256(keyBytes)];
                var account = AccountRlp.Decode(l.Value);
                Walk(db, address.ToArray(), [], account.StorageRoot, reachable, null);
                break;
        }
    }
}
