using Tachyon.Core.Crypto;
using Tachyon.Core.Rlp;
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
        Visit(db, prefix, enc, path, reachable, owners);
    }

    // Walks one node's RLP: embedded children recursively, hash references through the store.
    private static void Visit(StateDb db, byte[] prefix, ReadOnlySpan<byte> node, byte[] path, HashSet<string> reachable, Dictionary<Hash256, Address>? owners)
    {
        var list = new RlpReader(node).ReadList();
        var counter = list;
        int count = 0;
        while (counter.HasMore) { counter.Skip(); count++; }
        if (count == 17)
        {
            for (int i = 0; i < 16; i++) VisitRef(db, prefix, list.ReadRaw(), [.. path, (byte)i], reachable, owners);
            return;
        }
        byte[] own = Nibbles.ReadHexPrefix(list.ReadBytes(), out bool leaf);
        byte[] full = [.. path, .. own];
        if (!leaf) { VisitRef(db, prefix, list.ReadRaw(), full, reachable, owners); return; }
        if (owners == null) return;
        var keyBytes = new byte[32];
        for (int i = 0; i < 64; i++) keyBytes[i / 2] |= (byte)(i % 2 == 0 ? full[i] << 4 : full[i]);
        var address = owners[new Hash256(keyBytes)];
        var account = AccountRlp.Decode(list.ReadBytes().ToArray());
        Walk(db, address.ToArray(), [], account.StorageRoot, reachable, null);
    }

    private static void VisitRef(StateDb db, byte[] prefix, ReadOnlySpan<byte> childRef, byte[] path, HashSet<string> reachable, Dictionary<Hash256, Address>? owners)
    {
        if (childRef[0] >= 0xC0) { Visit(db, prefix, childRef, path, reachable, owners); return; }
        var hash = new RlpReader(childRef).ReadBytes();
        if (hash.Length == 32) Walk(db, prefix, path, new Hash256(hash), reachable, owners);
    }
}
