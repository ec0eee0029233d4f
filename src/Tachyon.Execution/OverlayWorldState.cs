using Tachyon.Core.Numerics;
using Tachyon.Core.Types;
using Tachyon.Evm.State;

namespace Tachyon.Execution;

/// <summary>
/// Committed writes of a block over a read-only pre-state: what the sequential executor commits to,
/// and the source of its merged write-set.
/// </summary>
internal sealed class OverlayWorldState : IWorldState
{
    private sealed class Entry
    {
        public bool Exists;
        public ulong Nonce;
        public UInt256 Balance;
        public Hash256 CodeHash;
        public byte[]? Code;
        public bool StorageCleared;
        public readonly Dictionary<UInt256, UInt256> Storage = new();
    }

    private readonly IStateReader _base;
    private readonly Dictionary<Address, Entry> _accounts = new();
    private readonly Dictionary<Hash256, byte[]> _code = new();

    public OverlayWorldState(IStateReader preState) => _base = preState;

    public bool TryGetAccount(in Address address, out AccountData account)
    {
        if (!_accounts.TryGetValue(address, out Entry? e)) return _base.TryGetAccount(address, out account);
        account = e.Exists ? new AccountData(e.Nonce, e.Balance, e.CodeHash) : default;
        return e.Exists;
    }

    public byte[] GetCode(in Address address, in Hash256 codeHash) =>
        _code.TryGetValue(codeHash, out byte[]? c) ? c : _base.GetCode(address, codeHash);

    public UInt256 GetStorage(in Address address, in UInt256 slot)
    {
        if (!_accounts.TryGetValue(address, out Entry? e)) return _base.GetStorage(address, slot);
        if (e.Storage.TryGetValue(slot, out UInt256 v)) return v;
        return e.StorageCleared ? default : _base.GetStorage(address, slot);
    }

    public bool HasStorage(in Address address)
    {
        if (!_accounts.TryGetValue(address, out Entry? e)) return _base.HasStorage(address);
        foreach (KeyValuePair<UInt256, UInt256> kv in e.Storage)
            if (!kv.Value.IsZero) return true;
        return !e.StorageCleared && _base.HasStorage(address);
    }

    public void Commit(StateWriteSet writes)
    {
        foreach (AccountWrite w in writes.Accounts)
        {
            if (!_accounts.TryGetValue(w.Address, out Entry? e))
            {
                e = new Entry();
                if (_base.TryGetAccount(w.Address, out AccountData d))
                {
                    e.Exists = true;
                    e.Nonce = d.Nonce;
                    e.Balance = d.Balance;
                    e.CodeHash = d.CodeHash;
                }
                else e.CodeHash = Hash256.EmptyKeccak;
                _accounts[w.Address] = e;
            }
            if (w.IsBalanceCredit)
            {
                if (!e.Exists) { e.Exists = true; e.Nonce = 0; e.Balance = default; e.CodeHash = Hash256.EmptyKeccak; }
                e.Balance = e.Balance + w.Balance;
                continue;
            }
            if (w.StorageCleared || w.Deleted)
            {
                e.StorageCleared = true;
                e.Storage.Clear();
            }
            e.Exists = !w.Deleted;
            e.Nonce = w.Nonce;
            e.Balance = w.Balance;
            e.CodeHash = w.CodeHash;
            if (w.Code is { Length: > 0 } code)
            {
                e.Code = code;
                _code[w.CodeHash] = code;
            }
            foreach (KeyValuePair<UInt256, UInt256> kv in w.Storage) e.Storage[kv.Key] = kv.Value;
        }
    }

    /// <summary>Every account written in the block with its final value.</summary>
    public StateWriteSet ToWriteSet()
    {
        var ws = new StateWriteSet();
        foreach (KeyValuePair<Address, Entry> kv in _accounts)
        {
            Entry e = kv.Value;
            if (!e.Exists)
            {
                ws.Accounts.Add(new AccountWrite { Address = kv.Key, Deleted = true, CodeHash = Hash256.EmptyKeccak, StorageCleared = true });
                continue;
            }
            var w = new AccountWrite
            {
                Address = kv.Key, Nonce = e.Nonce, Balance = e.Balance, CodeHash = e.CodeHash,
                Code = _code.TryGetValue(e.CodeHash, out byte[]? c) ? c : null, StorageCleared = e.StorageCleared,
            };
            w.Storage.AddRange(e.Storage);
            ws.Accounts.Add(w);
        }
        return ws;
    }
}
