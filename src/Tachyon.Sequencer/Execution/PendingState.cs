using Tachyon.Core.Numerics;
using Tachyon.Core.Types;
using Tachyon.Evm.State;
using Tachyon.State;

namespace Tachyon.Sequencer.Execution;

/// <summary>
/// The open block's state: what its executed transactions wrote (accounts, storage, code), over the
/// state of the last committed block. The executor thread is the only writer; RPC threads read
/// concurrently, so every access takes one short lock (writes are one write-set per transaction).
/// At the block boundary <see cref="ToDiff"/> turns the overlay into the block's BlockStateDiff.
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
    private readonly object _lock = new();

    public PendingState(IStateView baseView) => _base = new StateViewReader(baseView);

    /// <summary>The committed block this overlay sits on.</summary>
    public ulong BaseBlock => _base.View.BlockNumber;

    public bool TryGetAccount(in Address address, out AccountData account)
    {
        lock (_lock)
        {
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
            if (_code.TryGetValue(codeHash, out byte[]? code)) return code;
        return _base.GetCode(address, codeHash);
    }

    public UInt256 GetStorage(in Address address, in UInt256 slot)
    {
        lock (_lock)
        {
            if (_accounts.TryGetValue(address, out Entry? e))
            {
                if (e.Storage != null && e.Storage.TryGetValue(slot, out UInt256 v)) return v;
                if (e.Wiped) return default;
            }
        }
        return _base.GetStorage(address, slot);
    }

    public bool HasStorage(in Address address)
    {
        lock (_lock)
        {
            if (_accounts.TryGetValue(address, out Entry? e))
            {
                if (e.Storage != null)
                    foreach (var kv in e.Storage)
                        if (!kv.Value.IsZero) return true;
                if (e.Wiped) return false;
            }
        }
        return _base.HasStorage(address);
    }

    public ulong GetNonce(in Address address) => TryGetAccount(address, out AccountData a) ? a.Nonce : 0;

    public UInt256 GetBalance(in Address address) => TryGetAccount(address, out AccountData a) ? a.Balance : UInt256.Zero;

    public void Commit(StateWriteSet writes)
    {
        lock (_lock)
        {
            foreach (AccountWrite w in writes.Accounts)
            {
                if (!_accounts.TryGetValue(w.Address, out Entry? e)) _accounts[w.Address] = e = new Entry();
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
                if (w.Code is { Length: > 0 } code) _code[w.CodeHash] = code;
                if (w.Storage.Count > 0)
                {
                    e.Storage ??= new Dictionary<UInt256, UInt256>();
                    foreach (var kv in w.Storage) e.Storage[kv.Key] = kv.Value;
                }
            }
        }
    }

    /// <summary>The block's write-set for LayeredState (call once the block is closed).</summary>
    public BlockStateDiff ToDiff()
    {
        var diff = new BlockStateDiff();
        lock (_lock)
        {
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
}
