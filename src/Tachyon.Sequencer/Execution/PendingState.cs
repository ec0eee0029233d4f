using Tachyon.Core.Numerics;
using Tachyon.Core.Types;
using Tachyon.Evm.State;
using Tachyon.State;

namespace Tachyon.Sequencer.Execution;

/// <summary>
/// The open block's state: what its executed transactions wrote (accounts, storage, code), over the
/// state of the last committed block. The executor thread is the only writer; RPC threads read
/// concurrently, so every access takes one short lock (writes are one write-set per transaction).
/// While a parallel stream runs, its committed transactions land in a second overlay on top
/// (<see cref="CommitStreamed"/>) so readers see them at once, while the stream's workers read the
/// state from before the stream through <see cref="StreamBase"/>; <see cref="EndStream"/> folds the
/// overlay in. At the block boundary <see cref="ToDiff"/> turns the overlay into the block's BlockStateDiff.
/// </summary>
internal sealed class PendingState : IWorldState
{
    private sealed class Entry
    {
        /// <summary>Null: the account was deleted in this block.</summary>
        public AccountData? Data;
        /// <summary>Storage from before this block is gone (deleted or re-created account).</summary>
        public bool Wiped;
        public Dictionary<UInt256, UInt256>? Storage;
    }

    private readonly StateViewReader _base;
    private readonly Dictionary<Address, Entry> _accounts = new();
    private readonly Dictionary<Hash256, byte[]> _code = new();
    // The open stream's committed transactions (empty when no stream is open).
    private readonly Dictionary<Address, Entry> _stream = new();
    private readonly Dictionary<Hash256, byte[]> _streamCode = new();
    private bool _streaming;
    private readonly object _lock = new();

    public PendingState(IStateView baseView)
    {
        _base = new StateViewReader(baseView);
        StreamBase = new BeforeStream(this);
    }

    /// <summary>The committed block this overlay sits on.</summary>
    public ulong BaseBlock => _base.View.BlockNumber;

    /// <summary>
    /// The state without the open stream's commits, for the stream's workers. Lock-free: the layers it
    /// reads do not change while a stream is open (only <see cref="CommitStreamed"/> writes then).
    /// </summary>
    public IStateReader StreamBase { get; }

    public bool TryGetAccount(in Address address, out AccountData account)
    {
        lock (_lock)
        {
            if (_streaming && _stream.TryGetValue(address, out Entry? s))
            {
                account = s.Data.GetValueOrDefault();
                return s.Data.HasValue;
            }
            if (_accounts.TryGetValue(address, out Entry? e))
            {
                account = e.Data.GetValueOrDefault();
                return e.Data.HasValue;
            }
        }
        return _base.TryGetAccount(address, out account);
    }

    public byte[] GetCode(in Address address, in Hash256 codeHash)
    {
        lock (_lock)
        {
            if (_streaming && _streamCode.TryGetValue(codeHash, out byte[]? streamed)) return streamed;
            if (_code.TryGetValue(codeHash, out byte[]? code)) return code;
        }
        return _base.GetCode(address, codeHash);
    }

    public UInt256 GetStorage(in Address address, in UInt256 slot)
    {
        lock (_lock)
        {
            if (_streaming && TryGetSlot(_stream, address, slot, out UInt256 streamed)) return streamed;
            if (TryGetSlot(_accounts, address, slot, out UInt256 v)) return v;
        }
        return _base.GetStorage(address, slot);
    }

    public bool HasStorage(in Address address)
    {
        lock (_lock)
        {
            if (_streaming && TryHasStorage(_stream, address, out bool streamed)) return streamed;
            if (TryHasStorage(_accounts, address, out bool has)) return has;
        }
        return _base.HasStorage(address);
    }

    /// <summary>The slot as this layer decides it (written here, or wiped here); false: ask the layer below.</summary>
    private static bool TryGetSlot(Dictionary<Address, Entry> layer, in Address address, in UInt256 slot, out UInt256 value)
    {
        value = default;
        if (!layer.TryGetValue(address, out Entry? e)) return false;
        if (e.Storage != null && e.Storage.TryGetValue(slot, out value)) return true;
        return e.Wiped;
    }

    private static bool TryHasStorage(Dictionary<Address, Entry> layer, in Address address, out bool has)
    {
        has = false;
        if (!layer.TryGetValue(address, out Entry? e)) return false;
        if (e.Storage != null)
            foreach (var kv in e.Storage)
                if (!kv.Value.IsZero) { has = true; return true; }
        return e.Wiped;
    }

    public ulong GetNonce(in Address address) => TryGetAccount(address, out AccountData a) ? a.Nonce : 0;

    public UInt256 GetBalance(in Address address) => TryGetAccount(address, out AccountData a) ? a.Balance : UInt256.Zero;

    public void Commit(StateWriteSet writes)
    {
        lock (_lock)
        {
            if (_streaming) throw new InvalidOperationException("a parallel stream is open: commit through CommitStreamed");
            Apply(_accounts, _code, writes);
        }
    }

    /// <summary>Starts the stream overlay; until <see cref="EndStream"/> only <see cref="CommitStreamed"/> writes.</summary>
    public void BeginStream()
    {
        lock (_lock) _streaming = true;
    }

    /// <summary>A committed stream transaction's resolved writes (full values), visible to readers at once.</summary>
    public void CommitStreamed(StateWriteSet writes)
    {
        lock (_lock) Apply(_stream, _streamCode, writes);
    }

    /// <summary>Folds the stream overlay into the block's overlay (the stream's workers have stopped).</summary>
    public void EndStream()
    {
        lock (_lock)
        {
            foreach (var (address, s) in _stream)
            {
                if (!_accounts.TryGetValue(address, out Entry? e)) _accounts[address] = e = new Entry();
                if (s.Wiped)
                {
                    e.Wiped = true;
                    e.Storage?.Clear();
                }
                e.Data = s.Data;
                if (s.Storage is { Count: > 0 })
                {
                    e.Storage ??= new Dictionary<UInt256, UInt256>();
                    foreach (var kv in s.Storage) e.Storage[kv.Key] = kv.Value;
                }
            }
            foreach (var (hash, code) in _streamCode) _code[hash] = code;
            _stream.Clear();
            _streamCode.Clear();
            _streaming = false;
        }
    }

    private static void Apply(Dictionary<Address, Entry> accounts, Dictionary<Hash256, byte[]> codes, StateWriteSet writes)
    {
        foreach (AccountWrite w in writes.Accounts)
        {
            if (!accounts.TryGetValue(w.Address, out Entry? e)) accounts[w.Address] = e = new Entry();
            if (w.Deleted || w.StorageCleared)
            {
                e.Wiped = true;
                e.Storage?.Clear();
            }
            if (w.Deleted)
            {
                e.Data = null;
                continue;
            }
            e.Data = new AccountData(w.Nonce, w.Balance, w.CodeHash);
            if (w.Code is { Length: > 0 } code) codes[w.CodeHash] = code;
            if (w.Storage.Count > 0)
            {
                e.Storage ??= new Dictionary<UInt256, UInt256>();
                foreach (var kv in w.Storage) e.Storage[kv.Key] = kv.Value;
            }
        }
    }

    /// <summary>The block's write-set for LayeredState (call once the block is closed).</summary>
    public BlockStateDiff ToDiff()
    {
        var diff = new BlockStateDiff();
        lock (_lock)
        {
            if (_streaming) throw new InvalidOperationException("a parallel stream is still open");
            foreach (var (address, e) in _accounts)
            {
                if (e.Data is not { } d)
                {
                    diff.DeleteAccount(address);
                    continue;
                }
                if (e.Wiped) diff.WipeStorage(address);
                // The storage root is the root stage's to compute.
                diff.SetAccount(address, new AccountState(d.Nonce, d.Balance, d.CodeHash, Hash256.EmptyTrieRoot));
                if (e.Storage != null)
                    foreach (var (slot, value) in e.Storage) diff.SetStorage(address, slot, value);
            }
            foreach (var (hash, code) in _code) diff.AddCode(hash, code);
        }
        return diff;
    }

    /// <summary>The block's overlay and the committed state below it, without the stream overlay; no lock (see <see cref="StreamBase"/>).</summary>
    private sealed class BeforeStream(PendingState owner) : IStateReader
    {
        public bool TryGetAccount(in Address address, out AccountData account)
        {
            if (owner._accounts.TryGetValue(address, out Entry? e))
            {
                account = e.Data.GetValueOrDefault();
                return e.Data.HasValue;
            }
            return owner._base.TryGetAccount(address, out account);
        }

        public byte[] GetCode(in Address address, in Hash256 codeHash) =>
            owner._code.TryGetValue(codeHash, out byte[]? code) ? code : owner._base.GetCode(address, codeHash);

        public UInt256 GetStorage(in Address address, in UInt256 slot) =>
            TryGetSlot(owner._accounts, address, slot, out UInt256 v) ? v : owner._base.GetStorage(address, slot);

        public bool HasStorage(in Address address) =>
            TryHasStorage(owner._accounts, address, out bool has) ? has : owner._base.HasStorage(address);
    }
}
