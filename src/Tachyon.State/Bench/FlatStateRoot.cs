using Tachyon.Core.Trie;
using Tachyon.Core.Types;
using Tachyon.State.Storage;

namespace Tachyon.State.Bench;

/// <summary>
/// The naive way: the state root recomputed from scratch out of the flat accounts and storage,
/// with a fresh in-memory <see cref="SecureTrie"/> per trie.
/// </summary>
internal static class FlatStateRoot
{
    public static Hash256 Compute(StateDb db)
    {
        var storageRoots = new Dictionary<Address, Hash256>();
        using (var it = db.NewIterator(db.StorageCf))
        {
            Address current = default;
            SecureTrie? trie = null;
            for (it.SeekToFirst(); it.Valid(); it.Next())
            {
                var k = it.GetKeySpan();
                var a = new Address(k[..Address.Size]);
                if (trie == null || a != current)
                {
                    if (trie != null) storageRoots[current] = trie.RootHash;
                    trie = new SecureTrie();
                    current = a;
                }
                trie.Set(k[Address.Size..], Trie.AccountRlp.EncodeStorage(Tachyon.Core.Numerics.UInt256.FromBigEndian(it.GetValueSpan())));
            }
            if (trie != null) storageRoots[current] = trie.RootHash;
        }
        var accounts = new SecureTrie();
        using (var it = db.NewIterator(db.AccountsCf))
        {
            for (it.SeekToFirst(); it.Valid(); it.Next())
            {
                var a = new Address(it.GetKeySpan());
                var acc = FlatEncoding.DecodeAccount(it.GetValueSpan())
                    .WithStorageRoot(storageRoots.TryGetValue(a, out var r) ? r : Hash256.EmptyTrieRoot);
                accounts.Set(a.Bytes, acc.ToTrieAccount().Encode());
            }
        }
        return accounts.RootHash;
    }
}
