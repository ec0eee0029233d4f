using Tachyon.Core.Numerics;
using Tachyon.Core.Rlp;
using Tachyon.Core.Trie;
using Tachyon.Core.Types;
using Tachyon.State.CrashChild;

namespace Tachyon.State.Tests;

/// <summary>
/// Oracle: the state root of a fresh in-memory <see cref="SecureTrie"/> (Tachyon.Core) built from
/// the full flat state, independent of the incremental, store-backed trie under test.
/// </summary>
public static class ReferenceRoot
{
    public static Hash256 Of(StateModel m) => Of(m.Accounts, a => m.Storage.TryGetValue(a, out var s) ? s : null);

    public static Hash256 Of(IReadOnlyDictionary<Address, AccountState> accounts, Func<Address, IReadOnlyDictionary<UInt256, UInt256>?> storage)
    {
        var trie = new SecureTrie();
        foreach (var (a, acc) in accounts)
        {
            var slots = storage(a);
            Hash256 sr = slots == null ? Hash256.EmptyTrieRoot : StorageRoot(slots);
            trie.Set(a.Bytes, new TrieAccount(acc.Nonce, acc.Balance, sr, acc.CodeHash).Encode());
        }
        return trie.RootHash;
    }

    public static Hash256 StorageRoot(IReadOnlyDictionary<UInt256, UInt256> slots)
    {
        var trie = new SecureTrie();
        foreach (var (k, v) in slots)
        {
            if (v.IsZero) continue;
            var buf = new byte[Rlp.LengthOf(v)];
            new RlpWriter(buf).WriteUInt256(v);
            trie.Set(k.ToBigEndian(), buf);
        }
        return trie.RootHash;
    }
}
