using Tachyon.Precompiles;
using System.Runtime.CompilerServices;
using Tachyon.Core.Blocks;
using Tachyon.Core.Crypto;
using Tachyon.Core.Numerics;
using Tachyon.Core.Types;

namespace Tachyon.Evm.State;

/// <summary>(address, slot) pair: a storage location.</summary>
public readonly record struct StorageKey(Address Address, UInt256 Slot);

/// <summary>
/// The per-transaction view the interpreter works on: reads go through to an <see cref="IStateReader"/>
/// (and are cached), writes are buffered here. Every change — account fields, storage, transient
/// storage, warm sets (EIP-2929), refund counter, logs, created / self-destructed / touched sets —
/// is recorded in an undo journal, so a call frame takes a <see cref="Snapshot"/> and reverts to it on
/// failure. At the end of the transaction <see cref="BuildWriteSet"/> yields the changed accounts and slots.
/// </summary>
public sealed class ExecutionState
{
    private static readonly Address Ripemd160 = PrecompileAddress.Of(0x03);

    private readonly IStateReader _reader;
    private readonly Dictionary<Address, AccountObject> _accounts = new();
    private readonly List<JournalEntry> _journal = new(64);
    private readonly HashSet<Address> _warmAddresses = new();
    private readonly HashSet<StorageKey> _warmSlots = new();
    private readonly Dictionary<StorageKey, UInt256> _transient = new();
    private readonly HashSet<Address> _created = new();
    private readonly HashSet<Address> _destructed = new();
    private readonly HashSet<Address> _touched = new();
    private readonly List<Log> _logs = new();
    private readonly bool _deferCredits;
    private long _refund;

    public ExecutionState(IStateReader reader)
    {
        _reader = reader;
        _deferCredits = reader.SupportsDeferredCredits;
    }

    public IStateReader Reader => _reader;
    public long Refund => _refund;
    public IReadOnlyList<Log> Logs => _logs;
    public IReadOnlyCollection<Address> Destructed => _destructed;

    // ---------------------------------------------------------------- journal

    public int Snapshot() => _journal.Count;

    public void Revert(int snapshot)
    {
        for (int i = _journal.Count - 1; i >= snapshot; i--)
        {
            JournalEntry e = _journal[i];
            AccountObject? a = e.Account;
            switch (e.Kind)
            {
                case JournalKind.Balance: a!.Balance = e.Value; break;
                case JournalKind.Credit:
                    a!.Balance = a.Balance - e.Value;
                    // Undoing the credit that created the account (it was resolved since) makes it absent again.
                    if (--a.Credits == 0 && !a.Deferred && !a.BaseExists) a.Exists = false;
                    break;
                case JournalKind.Nonce: a!.Nonce = e.U; break;
                case JournalKind.Code: a!.Code = (byte[]?)e.Obj; a.CodeHash = e.Hash; break;
                case JournalKind.Storage:
                    // The entry's SetStorage created the dictionary; a later reset swapped it, and the reset was undone first.
                    if (e.Flag) a!.Storage![e.Key] = e.Value; else a!.Storage!.Remove(e.Key);
                    break;
                case JournalKind.AccountReset:
                {
                    var prev = (AccountObject)e.Obj!;
                    a!.CopyFrom(prev);
                    break;
                }
                case JournalKind.Transient:
                    if (e.Flag) _transient[new StorageKey(e.Address, e.Key)] = e.Value;
                    else _transient.Remove(new StorageKey(e.Address, e.Key));
                    break;
                case JournalKind.WarmAddress: _warmAddresses.Remove(e.Address); break;
                case JournalKind.WarmSlot: _warmSlots.Remove(new StorageKey(e.Address, e.Key)); break;
                case JournalKind.Refund: _refund = (long)e.U; break;
                case JournalKind.Log: _logs.RemoveAt(_logs.Count - 1); break;
                case JournalKind.Created: _created.Remove(e.Address); break;
                case JournalKind.Destructed: _destructed.Remove(e.Address); break;
                case JournalKind.Touched:
                    // Mainnet block 2675119 quirk kept by every fork since: a touch of the empty
                    // RIPEMD-160 precompile survives the revert of the frame that touched it.
                    if (e.Address != Ripemd160) _touched.Remove(e.Address);
                    break;
            }
        }
        _journal.RemoveRange(snapshot, _journal.Count - snapshot);
    }

    // ---------------------------------------------------------------- accounts

    private AccountObject Get(in Address address)
    {
        if (_accounts.TryGetValue(address, out AccountObject? a))
        {
            if (a.Deferred) Resolve(a);
            return a;
        }
        a = new AccountObject { Address = address, CodeHash = Hash256.EmptyKeccak };
        Resolve(a);
        _accounts[address] = a;
        return a;
    }

    /// <summary>Loads the account from the reader; a deferred object's pending credits are added on top.</summary>
    private void Resolve(AccountObject a)
    {
        a.Deferred = false;
        if (_reader.TryGetAccount(a.Address, out AccountData data))
        {
            a.BaseExists = true;
            a.Exists = true;
            a.Nonce = data.Nonce;
            a.Balance = data.Balance + a.Balance;
            a.CodeHash = data.CodeHash;
        }
        else
        {
            a.Exists = a.Credits > 0;
        }
    }

    /// <summary>A deferred account with a pending non-zero credit exists and is not empty, without reading it.</summary>
    private bool IsCreditedUnread(in Address address) =>
        _deferCredits && _accounts.TryGetValue(address, out AccountObject? a) && a.Deferred && !a.Balance.IsZero;

    private AccountObject GetForWrite(in Address address)
    {
        AccountObject a = Get(address);
        a.Dirty = true;
        if (!a.Exists)
        {
            _journal.Add(new JournalEntry { Kind = JournalKind.AccountReset, Account = a, Obj = a.Clone() });
            a.Exists = true;
        }
        return a;
    }

    public bool AccountExists(in Address address) => Get(address).Exists;

    /// <summary>Exists and is not empty (EIP-161 "alive").</summary>
    public bool IsAlive(in Address address)
    {
        if (IsCreditedUnread(address)) return true;
        AccountObject a = Get(address);
        return a.Exists && !a.IsEmpty;
    }

    public bool ExistsAndIsEmpty(in Address address)
    {
        if (IsCreditedUnread(address)) return false;
        AccountObject a = Get(address);
        return a.Exists && a.IsEmpty;
    }

    public UInt256 GetBalance(in Address address) => Get(address).Balance;
    public ulong GetNonce(in Address address) => Get(address).Nonce;
    public Hash256 GetCodeHash(in Address address) => Get(address).CodeHash;

    public byte[] GetCode(in Address address)
    {
        AccountObject a = Get(address);
        if (a.Code is null)
            a.Code = a.CodeHash == Hash256.EmptyKeccak ? [] : _reader.GetCode(address, a.CodeHash);
        return a.Code;
    }

    /// <summary>
    /// The code of a transaction's top-level call target. With deferred credits, a target not loaded
    /// yet is first looked up by code hash only: a code-less one is not read at all, so the value the
    /// call sends it becomes a lazy credit (plain transfers to a shared recipient do not conflict).
    /// </summary>
    public byte[] GetCallTargetCode(in Address address)
    {
        if (_deferCredits && !_accounts.ContainsKey(address) && _reader.GetCodeHash(address) == Hash256.EmptyKeccak) return [];
        return GetCode(address);
    }

    public bool HasCodeOrNonce(in Address address)
    {
        AccountObject a = Get(address);
        return a.Nonce != 0 || a.CodeHash != Hash256.EmptyKeccak;
    }

    /// <summary>EIP-7610: any non-zero storage (committed, unless cleared, or written in this transaction).</summary>
    public bool HasStorage(in Address address)
    {
        AccountObject a = Get(address);
        if (a.Storage is not null)
            foreach (var kv in a.Storage)
                if (!kv.Value.IsZero) return true;
        if (a.StorageCleared) return false;
        if (!_reader.HasStorage(address)) return false;
        // Committed storage exists; it counts unless every committed slot was zeroed here (rare: check via reader).
        return true;
    }

    public void SetBalance(in Address address, in UInt256 value)
    {
        AccountObject a = GetForWrite(address);
        _journal.Add(new JournalEntry { Kind = JournalKind.Balance, Account = a, Value = a.Balance });
        a.Balance = value;
    }

    public void AddBalance(in Address address, in UInt256 value)
    {
        if (_deferCredits && !value.IsZero && TryCreditUnread(address, value)) return;
        AccountObject a = GetForWrite(address);
        _journal.Add(new JournalEntry { Kind = JournalKind.Balance, Account = a, Value = a.Balance });
        a.Balance = a.Balance + value;
    }

    /// <summary>
    /// Records a credit to an account this transaction has not read, without reading it: the amount
    /// accumulates in a deferred object and is published as a delta unless something reads the account later.
    /// </summary>
    private bool TryCreditUnread(in Address address, in UInt256 value)
    {
        if (!_accounts.TryGetValue(address, out AccountObject? a))
        {
            a = new AccountObject { Address = address, Deferred = true, CodeHash = Hash256.EmptyKeccak };
            _accounts[address] = a;
        }
        else if (!a.Deferred) return false;
        a.Dirty = true;
        a.Balance = a.Balance + value;
        a.Credits++;
        _journal.Add(new JournalEntry { Kind = JournalKind.Credit, Account = a, Value = value });
        return true;
    }

    /// <summary>Caller checks the balance first.</summary>
    public void SubtractBalance(in Address address, in UInt256 value)
    {
        AccountObject a = GetForWrite(address);
        _journal.Add(new JournalEntry { Kind = JournalKind.Balance, Account = a, Value = a.Balance });
        a.Balance = a.Balance - value;
    }

    /// <summary>Moves value (balance already checked). A zero transfer still creates the receiver.</summary>
    public void Transfer(in Address from, in Address to, in UInt256 value)
    {
        SubtractBalance(from, value);
        AddBalance(to, value);
    }

    public void IncrementNonce(in Address address)
    {
        AccountObject a = GetForWrite(address);
        _journal.Add(new JournalEntry { Kind = JournalKind.Nonce, Account = a, U = a.Nonce });
        a.Nonce++;
    }

    public void SetCode(in Address address, byte[] code)
    {
        AccountObject a = GetForWrite(address);
        _journal.Add(new JournalEntry { Kind = JournalKind.Code, Account = a, Obj = a.Code, Hash = a.CodeHash });
        a.Code = code;
        a.CodeHash = code.Length == 0 ? Hash256.EmptyKeccak : Keccak256.Compute(code);
        a.CodeChanged = true;
    }

    /// <summary>
    /// Prepares <paramref name="address"/> for contract creation: any committed storage is dropped,
    /// nonce and code reset; an existing balance is kept. Marks the account created in this transaction.
    /// </summary>
    public void CreateContractAccount(in Address address)
    {
        AccountObject a = Get(address);
        a.Dirty = true;
        _journal.Add(new JournalEntry { Kind = JournalKind.AccountReset, Account = a, Obj = a.Clone() });
        a.Exists = true;
        a.Nonce = 0;
        a.Code = [];
        a.CodeHash = Hash256.EmptyKeccak;
        a.CodeChanged = true;
        a.StorageCleared = true;
        a.Storage = null; // the clone in the journal keeps the old slots for a revert
        if (_created.Add(address))
            _journal.Add(new JournalEntry { Kind = JournalKind.Created, Address = address });
    }

    public bool IsCreatedInTransaction(in Address address) => _created.Contains(address);

    /// <summary>Removes the account entirely (end of transaction: self-destruct or empty-and-touched).</summary>
    public void DeleteAccount(in Address address)
    {
        AccountObject a = Get(address);
        a.Dirty = true;
        _journal.Add(new JournalEntry { Kind = JournalKind.AccountReset, Account = a, Obj = a.Clone() });
        a.Exists = false;
        a.Nonce = 0;
        a.Balance = default;
        a.Code = [];
        a.CodeHash = Hash256.EmptyKeccak;
        a.CodeChanged = true;
        a.StorageCleared = true;
        a.Storage = null;
    }

    // ---------------------------------------------------------------- storage

    public UInt256 GetStorage(in Address address, in UInt256 slot)
    {
        AccountObject a = Get(address);
        if (a.Storage is not null && a.Storage.TryGetValue(slot, out UInt256 v)) return v;
        if (a.StorageCleared) return default;
        return GetCommitted(a, slot);
    }

    /// <summary>The value at the start of the transaction (zero for an account created in it).</summary>
    public UInt256 GetOriginalStorage(in Address address, in UInt256 slot)
    {
        if (_created.Contains(address)) return default;
        return GetCommitted(Get(address), slot);
    }

    private UInt256 GetCommitted(AccountObject a, in UInt256 slot)
    {
        a.Committed ??= new Dictionary<UInt256, UInt256>();
        if (a.Committed.TryGetValue(slot, out UInt256 v)) return v;
        v = a.Exists || _reader.TryGetAccount(a.Address, out _) ? _reader.GetStorage(a.Address, slot) : default;
        a.Committed[slot] = v;
        return v;
    }

    public void SetStorage(in Address address, in UInt256 slot, in UInt256 value)
    {
        AccountObject a = GetForWrite(address);
        a.Storage ??= new Dictionary<UInt256, UInt256>();
        bool had = a.Storage.TryGetValue(slot, out UInt256 prev);
        _journal.Add(new JournalEntry { Kind = JournalKind.Storage, Account = a, Key = slot, Value = prev, Flag = had });
        a.Storage[slot] = value;
    }

    public UInt256 GetTransient(in Address address, in UInt256 slot) =>
        _transient.TryGetValue(new StorageKey(address, slot), out UInt256 v) ? v : default;

    public void SetTransient(in Address address, in UInt256 slot, in UInt256 value)
    {
        var key = new StorageKey(address, slot);
        bool had = _transient.TryGetValue(key, out UInt256 prev);
        _journal.Add(new JournalEntry { Kind = JournalKind.Transient, Address = address, Key = slot, Value = prev, Flag = had });
        _transient[key] = value;
    }

    // ---------------------------------------------------------------- EIP-2929 access sets

    public bool IsWarm(in Address address) => _warmAddresses.Contains(address);

    /// <summary>Marks the address warm; returns true when it was cold.</summary>
    public bool WarmUp(in Address address)
    {
        if (!_warmAddresses.Add(address)) return false;
        _journal.Add(new JournalEntry { Kind = JournalKind.WarmAddress, Address = address });
        return true;
    }

    /// <summary>Marks the slot warm; returns true when it was cold.</summary>
    public bool WarmUp(in Address address, in UInt256 slot)
    {
        if (!_warmSlots.Add(new StorageKey(address, slot))) return false;
        _journal.Add(new JournalEntry { Kind = JournalKind.WarmSlot, Address = address, Key = slot });
        return true;
    }

    // ---------------------------------------------------------------- substate

    public void AddRefund(long delta)
    {
        _journal.Add(new JournalEntry { Kind = JournalKind.Refund, U = (ulong)_refund });
        _refund += delta;
    }

    public void AddLog(Log log)
    {
        _journal.Add(new JournalEntry { Kind = JournalKind.Log });
        _logs.Add(log);
    }

    public void MarkDestructed(in Address address)
    {
        if (_destructed.Add(address))
            _journal.Add(new JournalEntry { Kind = JournalKind.Destructed, Address = address });
    }

    public void Touch(in Address address)
    {
        if (_touched.Add(address))
            _journal.Add(new JournalEntry { Kind = JournalKind.Touched, Address = address });
    }

    /// <summary>End of execution: deletes self-destructed accounts and touched empty accounts (EIP-161).</summary>
    public void FinalizeDeletions()
    {
        foreach (Address a in _destructed) DeleteAccount(a);
        foreach (Address a in _touched)
            if (ExistsAndIsEmpty(a)) DeleteAccount(a);
    }

    /// <summary>Forgets everything (cached accounts, journal, substate) so the instance can serve the next transaction.</summary>
    public void Clear()
    {
        _accounts.Clear();
        _journal.Clear();
        _warmAddresses.Clear();
        _warmSlots.Clear();
        _transient.Clear();
        _created.Clear();
        _destructed.Clear();
        _touched.Clear();
        _logs.Clear();
        _refund = 0;
    }

    /// <summary>The changed accounts and slots with their final values.</summary>
    public StateWriteSet BuildWriteSet()
    {
        var ws = new StateWriteSet();
        foreach (AccountObject a in _accounts.Values)
        {
            if (!a.Dirty) continue;
            if (a.Deferred)
            {
                if (!a.Balance.IsZero)
                    ws.Accounts.Add(new AccountWrite { Address = a.Address, IsBalanceCredit = true, Balance = a.Balance, CodeHash = Hash256.EmptyKeccak });
                continue;
            }
            if (!a.Exists)
            {
                ws.Accounts.Add(new AccountWrite { Address = a.Address, Deleted = true, CodeHash = Hash256.EmptyKeccak, StorageCleared = true });
                continue;
            }
            var w = new AccountWrite
            {
                Address = a.Address,
                Nonce = a.Nonce,
                Balance = a.Balance,
                CodeHash = a.CodeHash,
                Code = a.CodeChanged ? a.Code ?? [] : null,
                StorageCleared = a.StorageCleared,
            };
            if (a.Storage is not null)
                foreach (var kv in a.Storage) w.Storage.Add(kv);
            ws.Accounts.Add(w);
        }
        return ws;
    }

    // ---------------------------------------------------------------- types

    private enum JournalKind : byte
    {
        Balance, Credit, Nonce, Code, Storage, AccountReset, Transient, WarmAddress, WarmSlot, Refund, Log, Created, Destructed, Touched,
    }

    private struct JournalEntry
    {
        public JournalKind Kind;
        public bool Flag;
        public AccountObject? Account;
        public Address Address;
        public UInt256 Key;
        public UInt256 Value;
        public ulong U;
        public Hash256 Hash;
        public object? Obj;
    }

    private sealed class AccountObject
    {
        public Address Address;
        public bool Exists;
        public bool Dirty;
        public bool CodeChanged;
        public bool StorageCleared;
        /// <summary>Not read yet: <see cref="Balance"/> holds only the pending credits (deferred-credit readers).</summary>
        public bool Deferred;
        /// <summary>The reader had the account when it was resolved.</summary>
        public bool BaseExists;
        /// <summary>Credit journal entries not reverted.</summary>
        public int Credits;
        public ulong Nonce;
        public UInt256 Balance;
        public Hash256 CodeHash;
        public byte[]? Code;
        /// <summary>Slots written in this transaction; null until the first write (most accounts have none).</summary>
        public Dictionary<UInt256, UInt256>? Storage;
        public Dictionary<UInt256, UInt256>? Committed;

        public bool IsEmpty => Nonce == 0 && Balance.IsZero && CodeHash == Hash256.EmptyKeccak;

        public AccountObject Clone() => new()
        {
            Address = Address, Exists = Exists, Dirty = Dirty, CodeChanged = CodeChanged, StorageCleared = StorageCleared,
            Nonce = Nonce, Balance = Balance, CodeHash = CodeHash, Code = Code, Storage = Storage, Committed = Committed,
        };

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void CopyFrom(AccountObject o)
        {
            Exists = o.Exists; CodeChanged = o.CodeChanged; StorageCleared = o.StorageCleared;
            Nonce = o.Nonce; Balance = o.Balance; CodeHash = o.CodeHash; Code = o.Code; Storage = o.Storage;
        }
    }
}
