using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Tachyon.Core.Crypto;
using Tachyon.Core.Numerics;
using Tachyon.Core.Types;

namespace Tachyon.State.Trie;

/// <summary>
/// The live account trie plus the storage tries of accounts touched so far. Applies one block's
/// write-set at a time: storage tries in parallel (one task per changed account), then the
/// account trie (its 16 root subtries in parallel). Account trie nodes are stored under their
/// hash; storage trie nodes under address || hash, so equal subtries of different accounts never
/// share a record (which keeps pruning free of reference counts).
/// </summary>
internal sealed class StateTrie
{
    private readonly INodeReader _reader;
    // One arena for the account trie and every storage trie: a few large reference-free arrays
    // instead of millions of node objects for the GC to trace.
    private readonly NodeArena _arena = new();
    private readonly MerkleTrie _accounts;
    private readonly ConcurrentDictionary<Address, MerkleTrie> _storage = new();
    public bool Parallel { get; init; } = true;

    public StateTrie(INodeReader reader, in Hash256 stateRoot)
    {
        _reader = reader;
        _accounts = new MerkleTrie(reader, _arena, [], stateRoot);
    }

    public Hash256 RootHash => _accounts.RootHash;

    public static Hash256 AccountKey(in Address a) => Keccak256.Compute(a.Bytes);

    public static Hash256 SlotKey(in UInt256 slot)
    {
        Span<byte> b = stackalloc byte[32];
        slot.WriteBigEndian(b);
        return Keccak256.Compute(b);
    }

    /// <summary>The account as the trie has it now (null when absent).</summary>
    public AccountState? GetAccount(in Address address)
    {
        return _accounts.TryGet(AccountKey(address), out var leaf) ? AccountRlp.Decode(leaf) : null;
    }

    private MerkleTrie StorageTrie(in Address address, in Hash256 root)
    {
        if (_storage.TryGetValue(address, out var t)) return t;
        t = new MerkleTrie(_reader, _arena, address.ToArray(), root);
        _storage[address] = t;
        return t;
    }

    /// <summary>
    /// Applies a block. Returns the new state root, the final account records (storage roots
    /// filled in) and the node records written and killed.
    /// </summary>
    public Hash256 Apply(
        IReadOnlyDictionary<Address, AccountState?> accounts,
        IReadOnlyDictionary<StorageKey, UInt256> storage,
        IReadOnlySet<Address> wiped,
        out ResolvedAccounts resolved,
        out TrieChanges changes)
        => Apply(accounts, storage, wiped, out resolved, out changes, out _, out _);

    /// <summary>As above, also returning the pre-block leaf values (origins) of the account trie
    /// by account-key hash and of each touched storage trie by slot-key hash.</summary>
    public Hash256 Apply(
        IReadOnlyDictionary<Address, AccountState?> accounts,
        IReadOnlyDictionary<StorageKey, UInt256> storage,
        IReadOnlySet<Address> wiped,
        out ResolvedAccounts resolved,
        out TrieChanges changes,
        out Dictionary<Hash256, byte[]?> accountOrigins,
        out Dictionary<Address, Dictionary<Hash256, byte[]?>> storageOrigins)
    {
        try
        {
            long t0 = System.Diagnostics.Stopwatch.GetTimestamp();
            changes = new TrieChanges();
            // Group slot writes per account (lists come back to the pool at the end).
            var slots = _slots;
            // Values are slices of one reused buffer; the tries copy them into their arena.
            var slotValues = Grow(ref _slotValues, storage.Count * AccountRlp.MaxStorageLength);
            int used = 0;
            foreach (var (k, v) in storage)
            {
                if (!slots.TryGetValue(k.Address, out var list))
                    slots[k.Address] = list = _slotListPool.TryPop(out var pooled) ? pooled : new List<TrieUpdate>();
                if (v.IsZero) list.Add(new TrieUpdate(SlotKey(k.Slot), null));
                else
                {
                    int length = AccountRlp.EncodeStorage(v, slotValues.AsSpan(used));
                    list.Add(new TrieUpdate(SlotKey(k.Slot), slotValues, used, length));
                    used += length;
                }
            }
            var storageWork = _storageWork;
            foreach (var a in slots.Keys) storageWork.Add(a);
            storageWork.UnionWith(wiped);

            // Old records are looked up only for accounts whose storage trie is needed; other
            // updated accounts take their old storage root from the leaf they replace.
            var current = _current;
            var work = _work;
            foreach (var a in storageWork)
            {
                var acc = GetAccount(a);
                current[a] = acc;
                work.Add((a, StorageTrie(a, acc?.StorageRoot ?? Hash256.EmptyTrieRoot)));
            }
            int workCount = work.Count;
            var roots = Grow(ref _roots, workCount);
            var origins = Grow(ref _origins, workCount);
            // Node records go to one sink per worker thread, not per trie: hundreds of tiny tries per block.
            void Storage(int i, TrieChanges sink)
            {
                var (addr, trie) = work[i];
                slots.TryGetValue(addr, out var ups);
                // Wipe first: the first capture of a key wins, and the wipe saw the older value.
                var old = new Dictionary<Hash256, byte[]?>(ups?.Count ?? 0);
                if (wiped.Contains(addr)) trie.Wipe(sink.DeadNodes, old);
                if (ups != null) trie.Apply(ups, parallel: false, sink.DeadNodes, old);
                roots[i] = trie.Commit(sink, parallel: false);
                origins[i] = old;
            }
            if (Parallel && workCount > 1)
            {
                // A fixed number of workers pulling indices: Parallel.For's localInit would run per
                // task replica (hundreds here), each sink then holding a mostly empty record chunk.
                int workers = Math.Min(Environment.ProcessorCount, workCount), next = -1;
                var sinks = new TrieChanges[workers];
                System.Threading.Tasks.Parallel.For(0, workers, w =>
                {
                    var sink = sinks[w] = new TrieChanges();
                    for (int i; (i = Interlocked.Increment(ref next)) < workCount;) Storage(i, sink);
                });
                foreach (var sink in sinks) changes.AddFrom(sink);
            }
            else for (int i = 0; i < workCount; i++) Storage(i, changes);
            long t1 = System.Diagnostics.Stopwatch.GetTimestamp();
            var newStorageRoots = _newStorageRoots;
            storageOrigins = new Dictionary<Address, Dictionary<Hash256, byte[]?>>(workCount);
            for (int i = 0; i < workCount; i++)
            {
                storageOrigins[work[i].Address] = origins[i];
                newStorageRoots[work[i].Address] = roots[i];
            }

            var touched = _touched;
            touched.EnsureCapacity(accounts.Count + storageWork.Count);
            foreach (var a in accounts.Keys) touched.Add(a);
            foreach (var a in storageWork) if (!accounts.ContainsKey(a)) touched.Add(a);
            int touchedCount = touched.Count;
            var after = Grow(ref _after, touchedCount);
            var accountValues = Grow(ref _accountValues, touchedCount * AccountRlp.MaxLength);
            var updates = _updates;
            CollectionsMarshal.SetCount(updates, touchedCount);
            void Encode(int i)
            {
                var addr = touched[i];
                bool keep = false;
                AccountState? acc;
                if (accounts.TryGetValue(addr, out var given))
                {
                    if (given is { } g)
                    {
                        // Accounts without storage changes keep their old root (copied from the old leaf).
                        keep = !newStorageRoots.TryGetValue(addr, out var r);
                        acc = g.WithStorageRoot(keep ? Hash256.EmptyTrieRoot : r);
                    }
                    else acc = null;
                }
                else acc = (current[addr] ?? AccountState.Create(0, UInt256.Zero)).WithStorageRoot(newStorageRoots[addr]);
                after[i] = acc;
                // Distinct indices from parallel workers: write the backing array, not through the list's setter.
                // Each account has its own MaxLength slot in the shared buffer (parallel writers).
                int at = i * AccountRlp.MaxLength;
                CollectionsMarshal.AsSpan(updates)[i] = acc is { } v
                    ? new TrieUpdate(AccountKey(addr), accountValues, at, AccountRlp.Encode(v, accountValues.AsSpan(at, AccountRlp.MaxLength)), keep)
                    : new TrieUpdate(AccountKey(addr), null);
            }
            if (Parallel && touchedCount >= 256) System.Threading.Tasks.Parallel.For(0, touchedCount, Encode);
            else for (int i = 0; i < touchedCount; i++) Encode(i);
            long t2 = System.Diagnostics.Stopwatch.GetTimestamp();
            accountOrigins = new Dictionary<Hash256, byte[]?>(touchedCount);
            _accounts.Apply(updates, Parallel, changes.DeadNodes, accountOrigins);
            var storageRoots = new Dictionary<Address, Hash256>(touchedCount);
            var storageOnly = new Dictionary<Address, AccountState>(touchedCount - accounts.Count);
            for (int i = 0; i < touchedCount; i++)
            {
                var addr = touched[i];
                if (after[i] is not { } acc)
                {
                    // A deleted account's storage trie goes; its resident nodes return to the arena.
                    if (_storage.TryRemove(addr, out var dropped)) dropped.Release();
                    continue;
                }
                if (updates[i].KeepStorageRoot) acc = acc.WithStorageRoot(MerkleTrie.StorageRootOf(updates[i].ValueSpan));
                storageRoots[addr] = acc.StorageRoot;
                if (i >= accounts.Count) storageOnly[addr] = acc; // touched lists the block's accounts first
            }
            resolved = new ResolvedAccounts(accounts, storageRoots, storageOnly);
            long t3 = System.Diagnostics.Stopwatch.GetTimestamp();
            var rootHash = _accounts.Commit(changes, Parallel);
            long t4 = System.Diagnostics.Stopwatch.GetTimestamp();
            LastPhases = new RootPhases(t1 - t0, t2 - t1, t3 - t2, t4 - t3);
            return rootHash;
        }
        finally
        {
            ClearScratch(); // also after a failure: the next block must not see this one's scratch
        }
    }

    // Per-block scratch, reused: the root stage allocated ~16 MB per 10k-update block and its
    // gen0 GCs landed inside the timed root. Apply is never called concurrently.
    private readonly Dictionary<Address, List<TrieUpdate>> _slots = new();
    private readonly Stack<List<TrieUpdate>> _slotListPool = new();
    private readonly HashSet<Address> _storageWork = new();
    private readonly Dictionary<Address, AccountState?> _current = new();
    private readonly List<(Address Address, MerkleTrie Trie)> _work = new();
    private readonly Dictionary<Address, Hash256> _newStorageRoots = new();
    private readonly List<Address> _touched = new();
    private readonly List<TrieUpdate> _updates = new();
    private Hash256[] _roots = [];
    private Dictionary<Hash256, byte[]?>[] _origins = [];
    private AccountState?[] _after = [];
    private byte[] _slotValues = [], _accountValues = [];

    private static T[] Grow<T>(ref T[] array, int count)
    {
        if (array.Length < count) array = new T[Math.Max(count, array.Length * 2)];
        return array;
    }

    private void ClearScratch()
    {
        foreach (var list in _slots.Values)
        {
            list.Clear(); // drops the encoded values
            _slotListPool.Push(list);
        }
        _slots.Clear();
        _storageWork.Clear();
        _current.Clear();
        _work.Clear();
        _newStorageRoots.Clear();
        _touched.Clear();
        _updates.Clear();
        Array.Clear(_origins); // the layers own them now
    }

    /// <summary>Live nodes in memory (account and storage tries) and the bytes their arena holds.</summary>
    public (int Nodes, long Bytes) Resident => (_arena.LiveNodes, _arena.ReservedBytes);

    /// <summary>Where the last <see cref="Apply"/> spent its time (Stopwatch ticks).</summary>
    public RootPhases LastPhases { get; private set; }
}

/// <summary>Root-stage time split in Stopwatch ticks: storage tries, account encoding, account trie update, account trie hashing.</summary>
internal readonly record struct RootPhases(long Storage, long Encode, long Apply, long Hash);
