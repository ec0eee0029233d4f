using Tachyon.Core.Numerics;
using Tachyon.Core.Types;
using Tachyon.State.Storage;
using Tachyon.State.Trie;

namespace Tachyon.State.Bench;

/// <summary>The state root recomputed from scratch out of the flat accounts and storage.</summary>
internal static class FlatStateRoot
{
    private sealed class NoNodes : INodeReader
    {
        public byte[]? Load(ReadOnlySpan<byte> key) => null;
    }

    public static Hash256 Compute(StateDb db)
    {
        var reader = new NoNodes();
        var storageRoots = new Dictionary<Address, Hash256>();
        using (var it = db.NewIterator(db.StorageCf))
        {
            Address current = default;
            var updates = new List<TrieUpdate>();
            void Flush()
            {
                if (updates.Count == 0) return;
                var t = new MerkleTrie(reader, [], Hash256.EmptyTrieRoot);
                t.Apply(updates, parallel: false);
                storageRoots[current] = t.Commit(new TrieChanges(), parallel: false);
                updates.Clear();
            }
            for (it.SeekToFirst(); it.Valid(); it.Next())
            {
                var k = it.GetKeySpan();
                var a = new Address(k[..Address.Size]);
                if (a != current) { Flush(); current = a; }
                updates.Add(new TrieUpdate(StateTrie.SlotKey(UInt256.FromBigEndian(k[Address.Size..])), AccountRlp.EncodeStorage(UInt256.FromBigEndian(it.GetValueSpan()))));
            }
            Flush();
        }
        var accounts = new List<TrieUpdate>();
        using (var it = db.NewIterator(db.AccountsCf))
        {
            for (it.SeekToFirst(); it.Valid(); it.Next())
            {
                var a = new Address(it.GetKeySpan());
                var acc = FlatEncoding.DecodeAccount(it.GetValueSpan())
                    .WithStorageRoot(storageRoots.TryGetValue(a, out var r) ? r : Hash256.EmptyTrieRoot);
                accounts.Add(new TrieUpdate(StateTrie.AccountKey(a), AccountRlp.Encode(acc)));
            }
        }
        var trie = new MerkleTrie(reader, [], Hash256.EmptyTrieRoot);
        trie.Apply(accounts, parallel: false);
        return trie.Commit(new TrieChanges(), parallel: false);
    }
}
