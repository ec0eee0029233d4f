using Tachyon.Core.Numerics;
using Tachyon.Core.Types;
using Tachyon.State.Trie;

namespace Tachyon.State.Layers;

/// <summary>
/// One block's changes kept in memory on top of the RocksDB base. Immutable once created, except
/// for results the root stage publishes exactly once: the state root, the final account records
/// (carrying their new storage roots), and the "origins" (values before this block, captured from
/// the trie leaves it replaced) that let views of older blocks read a base that has moved past them.
/// </summary>
public sealed class DiffLayer
{
    internal readonly Dictionary<Address, AccountState?> Accounts;
    internal readonly Dictionary<StorageKey, UInt256> Storage;
    internal readonly Dictionary<Hash256, byte[]> Code;
    internal readonly HashSet<Address> WipedStorage;
    private readonly TaskCompletionSource<Hash256> _root = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Published by the root stage before RootTask completes.
    internal ResolvedAccounts? ResolvedAccounts;
    internal TrieChanges? TrieChanges;

    // Pre-block leaf values captured by the root stage (keys are the hashed trie keys).
    private Dictionary<Hash256, byte[]?>? _originAccounts;
    private Dictionary<Address, Dictionary<Hash256, byte[]?>>? _originStorage;

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

    internal void SetRoot(Hash256 root, ResolvedAccounts resolved, TrieChanges changes, TimeSpan elapsed,
        Dictionary<Hash256, byte[]?> originAccounts, Dictionary<Address, Dictionary<Hash256, byte[]?>> originStorage)
    {
        RootElapsed = elapsed;
        _originAccounts = originAccounts;
        _originStorage = originStorage;
        ResolvedAccounts = resolved;
        TrieChanges = changes;
        _root.SetResult(root);
    }

    internal void FailRoot(Exception e) => _root.TrySetException(e);

    /// <summary>Unpublishes the node records, then recycles their buffers (readers re-check publication after copying).</summary>
    internal void DropTrieChanges()
    {
        var changes = TrieChanges;
        Volatile.Write(ref TrieChanges, null);
        changes?.NewNodes.Release();
    }

    /// <summary>The account as this block left it; false when the block did not touch it.</summary>
    internal bool TryGetAccount(in Address address, out AccountState? account)
    {
        // Once the root is known the resolved records also carry the new storage roots.
        return _root.Task.IsCompletedSuccessfully ? ResolvedAccounts!.TryGetValue(address, out account) : Accounts.TryGetValue(address, out account);
    }

    internal bool TryGetStorage(in StorageKey key, out UInt256 value)
    {
        if (Storage.TryGetValue(key, out value)) return true;
        if (WipedStorage.Contains(key.Address)) { value = default; return true; }
        return false;
    }

    // Origins are only consulted for layers the writer has persisted, so the root (and with it
    // the origins) is always published by then.
    internal bool TryGetOriginAccount(in Address address, out AccountState? account)
    {
        account = null;
        if (_originAccounts == null || !_originAccounts.TryGetValue(StateTrie.AccountKey(address), out var leaf)) return false;
        account = leaf == null ? null : AccountRlp.Decode(leaf);
        return true;
    }

    internal bool TryGetOriginStorage(in StorageKey key, out UInt256 value)
    {
        value = default;
        if (_originStorage == null || !_originStorage.TryGetValue(key.Address, out var slots)) return false;
        if (slots.TryGetValue(StateTrie.SlotKey(key.Slot), out var leaf))
        {
            if (leaf != null) value = new Tachyon.Core.Rlp.RlpReader(leaf).ReadUInt256();
            return true;
        }
        // A wiped account's slots all changed here; ones absent from the origins were zero.
        return WipedStorage.Contains(key.Address);
    }
}
