using Tachyon.Core.Numerics;
using Tachyon.Core.Types;
using Tachyon.State.Trie;

namespace Tachyon.State.Layers;

/// <summary>
/// One block's changes kept in memory on top of the RocksDB base. Immutable once created, except
/// for results that later pipeline stages publish exactly once: the state root (with the final
/// account records carrying their new storage roots), then the "origins" (values before this
/// block, read from the base by the writer) that let views of older blocks read a base that has
/// moved past them.
/// </summary>
public sealed class DiffLayer
{
    internal readonly Dictionary<Address, AccountState?> Accounts;
    internal readonly Dictionary<StorageKey, UInt256> Storage;
    internal readonly Dictionary<Hash256, byte[]> Code;
    internal readonly HashSet<Address> WipedStorage;
    private readonly TaskCompletionSource<Hash256> _root = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Published by the root stage before RootTask completes.
    internal Dictionary<Address, AccountState?>? ResolvedAccounts;
    internal TrieChanges? TrieChanges;

    // Published by the writer before the persisted block number moves past this layer.
    internal Dictionary<Address, AccountState?>? OriginAccounts;
    internal Dictionary<StorageKey, UInt256>? OriginStorage;

    /// <summary>Cleared when the layer below leaves the history window, so it can be collected.</summary>
    internal volatile DiffLayer? Parent;

    public ulong Number => Block.Number;
    public BlockRecord Block { get; }

    /// <summary>The block's state root; computed on the root stage while later blocks execute.</summary>
    public Task<Hash256> RootTask => _root.Task;

    internal DiffLayer(DiffLayer? parent, BlockStateDiff diff, BlockRecord block)
    {
        Parent = parent;
        Block = block;
        // Copies: the caller may reuse its diff, and a layer must never change under readers.
        Accounts = new Dictionary<Address, AccountState?>(diff.Accounts);
        Storage = new Dictionary<StorageKey, UInt256>(diff.Storage);
        Code = new Dictionary<Hash256, byte[]>(diff.Code);
        WipedStorage = new HashSet<Address>(diff.WipedStorage);
    }

    /// <summary>Time the root stage spent on this block (valid once RootTask completed).</summary>
    public TimeSpan RootElapsed { get; private set; }

    internal void SetRoot(Hash256 root, Dictionary<Address, AccountState?> resolved, TrieChanges changes, TimeSpan elapsed)
    {
        RootElapsed = elapsed;
        ResolvedAccounts = resolved;
        TrieChanges = changes;
        _root.SetResult(root);
    }

    internal void FailRoot(Exception e) => _root.TrySetException(e);

    internal void DropTrieChanges() => TrieChanges = null;

    /// <summary>The account as this block left it; false when the block did not touch it.</summary>
    internal bool TryGetAccount(in Address address, out AccountState? account)
    {
        // Once the root is known the resolved records also carry the new storage roots.
        var map = _root.Task.IsCompletedSuccessfully ? ResolvedAccounts! : Accounts;
        return map.TryGetValue(address, out account);
    }

    internal bool TryGetStorage(in StorageKey key, out UInt256 value)
    {
        if (Storage.TryGetValue(key, out value)) return true;
        if (WipedStorage.Contains(key.Address)) { value = default; return true; }
        return false;
    }

    internal bool TryGetOriginAccount(in Address address, out AccountState? account)
    {
        account = null;
        return OriginAccounts != null && OriginAccounts.TryGetValue(address, out account);
    }

    internal bool TryGetOriginStorage(in StorageKey key, out UInt256 value)
    {
        value = default;
        if (OriginStorage == null) return false;
        if (OriginStorage.TryGetValue(key, out value)) return true;
        // A wiped account's slots all changed here; ones absent from the origins were zero.
        return WipedStorage.Contains(key.Address);
    }
}
