using System.Collections.Concurrent;
using Tachyon.Core.Numerics;
using Tachyon.Core.Types;
using Tachyon.Evm.State;

namespace Tachyon.Execution;

/// <summary>A read of one location by one incarnation, kept for validation: where it was served from, not the value.</summary>
internal struct ReadRecord
{
    public StateLocation Location;
    public int Tx;
    public int Incarnation;
    public bool HasDelta;
    public UInt256 Delta;
    /// <summary>Only the account's code hash was read (a call target's): validated by value, credits and balance changes ignored.</summary>
    public bool CodeOnly;
    public Hash256 CodeHash;

    public ReadRecord(in StateLocation location, in ReadResult r)
    {
        Location = location;
        Tx = r.Tx;
        Incarnation = r.Incarnation;
        HasDelta = r.HasDelta;
        Delta = r.Delta;
    }

    public static ReadRecord ForCodeHash(in StateLocation location, in Hash256 codeHash) =>
        new() { Location = location, CodeOnly = true, CodeHash = codeHash };

    /// <summary>A fresh read returns the same version (and the same sum of credits).</summary>
    public readonly bool StillValid(in ReadResult now) =>
        now.BlockingTx < 0 && Tx == now.Tx && Incarnation == now.Incarnation && HasDelta == now.HasDelta && Delta == now.Delta;
}

/// <summary>
/// Block-STM multi-version memory: for every location the writes of each transaction of the block
/// (full values, lazy credits or ESTIMATE markers). Reads resolve against the highest lower writer;
/// validation re-resolves each recorded read and compares versions (and credit sums).
/// </summary>
internal sealed class MultiVersionMemory
{
    private readonly LocationTable _table = new();
    private readonly ConcurrentDictionary<Hash256, byte[]> _code = new();
    private StateLocation[][] _lastWritten = [];
    private ReadRecord[][] _lastReads = [];

    public IStateReader Base { get; private set; } = null!;

    public void Reset(IStateReader preState, int transactions)
    {
        Base = preState;
        _table.Reset(Math.Max(64, transactions * 6)); // a few locations per transaction
        _code.Clear();
        if (_lastWritten.Length < transactions)
        {
            _lastWritten = new StateLocation[transactions][];
            _lastReads = new ReadRecord[transactions][];
        }
        Array.Fill(_lastWritten, [], 0, transactions);
        Array.Fill(_lastReads, [], 0, transactions);
    }

    public void Read(in StateLocation location, int tx, out ReadResult r)
    {
        if (_table.Find(location) is { } list) list.Read(tx, out r);
        else r = ReadResult.PreState;
    }

    /// <summary><see cref="Read"/> without the credits (see <see cref="VersionList.ReadIgnoringCredits"/>).</summary>
    public void ReadIgnoringCredits(in StateLocation location, int tx, out ReadResult r)
    {
        if (_table.Find(location) is { } list) list.ReadIgnoringCredits(tx, out r);
        else r = ReadResult.PreState;
    }

    public byte[] GetCode(in Address address, in Hash256 codeHash) =>
        _code.TryGetValue(codeHash, out byte[]? code) ? code : Base.GetCode(address, codeHash);

    /// <summary>
    /// Publishes the write-set of (tx, incarnation) and the reads it made; drops the previous
    /// incarnation's writes to locations not written again. True when a location was written that the
    /// previous incarnation did not write (validation of higher transactions must restart).
    /// </summary>
    public bool Record(int tx, int incarnation, StateWriteSet? writes, MvStateReader reader, WorkerScratch scratch)
    {
        List<StateLocation> written = scratch.Written;
        HashSet<StateLocation> set = scratch.WrittenSet;
        written.Clear();
        set.Clear();
        if (writes != null)
        {
            // Code before the account entries that name its hash: a concurrent reader that sees the hash
            // must find the code (an unknown hash would read as empty code).
            foreach (AccountWrite w in writes.Accounts)
                if (w.Code is { Length: > 0 } code) _code.TryAdd(w.CodeHash, code);
            foreach (AccountWrite w in writes.Accounts)
            {
                var e = new VersionEntry { Tx = tx, Incarnation = incarnation };
                if (w.IsBalanceCredit)
                {
                    e.Kind = EntryKind.Delta;
                    e.Value = w.Balance;
                    Put(StateLocation.Account(w.Address), e, written, set);
                    continue;
                }
                e.Kind = EntryKind.Full;
                e.Account = w;
                if (!reader.LeavesAccountAsRead(w)) Put(StateLocation.Account(w.Address), e, written, set);
                if (w.StorageCleared) Put(StateLocation.Clear(w.Address), e, written, set);
                e.Account = null;
                foreach (KeyValuePair<UInt256, UInt256> kv in w.Storage)
                {
                    e.Value = kv.Value;
                    Put(StateLocation.StorageSlot(w.Address, kv.Key), e, written, set);
                }
            }
        }
        bool wroteNew = false;
        StateLocation[] previous = _lastWritten[tx];
        foreach (StateLocation loc in previous)
            if (!set.Contains(loc)) _table.Find(loc)?.Remove(tx);
        if (written.Count > 0)
        {
            scratch.PreviousSet.Clear();
            foreach (StateLocation loc in previous) scratch.PreviousSet.Add(loc);
            foreach (StateLocation loc in written)
                if (!scratch.PreviousSet.Contains(loc)) { wroteNew = true; break; }
        }
        _lastWritten[tx] = written.Count == 0 ? [] : written.ToArray();
        _lastReads[tx] = reader.TakeReads();
        return wroteNew;
    }

    private void Put(in StateLocation loc, in VersionEntry e, List<StateLocation> written, HashSet<StateLocation> set)
    {
        _table.GetOrAdd(loc).Set(e);
        if (set.Add(loc)) written.Add(loc);
    }

    /// <summary>Marks every write of the aborted transaction as an ESTIMATE.</summary>
    public void ConvertWritesToEstimates(int tx)
    {
        foreach (StateLocation loc in _lastWritten[tx])
            _table.Find(loc)?.MarkEstimate(tx);
    }

    /// <summary>True when every read of the transaction's last incarnation would still return the same version.</summary>
    public bool ValidateReadSet(int tx)
    {
        ReadRecord[] reads = _lastReads[tx];
        for (int i = 0; i < reads.Length; i++)
        {
            ReadResult now;
            if (reads[i].CodeOnly)
            {
                ReadIgnoringCredits(reads[i].Location, tx, out now);
                if (now.BlockingTx >= 0 || CodeHashOf(reads[i].Location.Address, now) != reads[i].CodeHash) return false;
                continue;
            }
            Read(reads[i].Location, tx, out now);
            if (!reads[i].StillValid(now)) return false;
        }
        return true;
    }

    /// <summary>The code hash an account read resolves to (credits never change it; an absent account has none).</summary>
    public Hash256 CodeHashOf(in Address address, in ReadResult r)
    {
        if (r.Tx >= 0) return r.Account!.Deleted ? Hash256.EmptyKeccak : r.Account.CodeHash;
        return Base.TryGetAccount(address, out AccountData data) ? data.CodeHash : Hash256.EmptyKeccak;
    }

    /// <summary>The block's final state of every written location, as one write-set (after all transactions committed).</summary>
    public StateWriteSet MergeFinal(int transactions)
    {
        var byAddress = new Dictionary<Address, AccountWrite>();
        var clearedAt = new Dictionary<Address, int>();
        // Pass 1: accounts and clears.
        foreach (VersionList list in _table.All())
        {
            StateLocation loc = list.Key;
            if (loc.Kind == LocationKind.Slot || list.Count == 0) continue;
            list.Read(transactions, out ReadResult r);
            if (loc.Kind == LocationKind.StorageClear)
            {
                if (r.Tx >= 0) clearedAt[loc.Address] = r.Tx;
                continue;
            }
            if (r.Tx < 0 && !r.HasDelta) continue;
            byAddress[loc.Address] = FinalAccount(loc.Address, r);
        }
        // Pass 2: slots written at or after the last clear of their account.
        foreach (VersionList list in _table.All())
        {
            StateLocation loc = list.Key;
            if (loc.Kind != LocationKind.Slot || list.Count == 0) continue;
            list.Read(transactions, out ReadResult r);
            if (r.Tx < 0) continue;
            if (clearedAt.TryGetValue(loc.Address, out int c) && r.Tx < c) continue;
            if (!byAddress.TryGetValue(loc.Address, out AccountWrite? w))
            {
                // Only the storage changed (the account entry was not published): its fields are the final ones.
                Read(StateLocation.Account(loc.Address), transactions, out ReadResult ar);
                w = FinalAccount(loc.Address, ar);
                byAddress[loc.Address] = w;
            }
            if (!w.Deleted) w.Storage.Add(new(loc.Slot, r.Value));
        }
        var ws = new StateWriteSet();
        foreach (KeyValuePair<Address, AccountWrite> kv in byAddress)
        {
            AccountWrite w = kv.Value;
            if (clearedAt.ContainsKey(kv.Key) && !w.StorageCleared)
            {
                var copy = new AccountWrite
                {
                    Address = w.Address, Deleted = w.Deleted, Nonce = w.Nonce, Balance = w.Balance,
                    CodeHash = w.CodeHash, Code = w.Code, StorageCleared = true,
                };
                copy.Storage.AddRange(w.Storage);
                w = copy;
            }
            ws.Accounts.Add(w);
        }
        return ws;
    }

    private AccountWrite FinalAccount(in Address address, in ReadResult r)
    {
        if (!ResolveAccount(address, r, out AccountData data))
            return new AccountWrite { Address = address, Deleted = true, CodeHash = Hash256.EmptyKeccak, StorageCleared = true };
        return new AccountWrite
        {
            Address = address, Nonce = data.Nonce, Balance = data.Balance, CodeHash = data.CodeHash,
            Code = _code.TryGetValue(data.CodeHash, out byte[]? code) ? code : null,
        };
    }

    /// <summary>Applies a resolved account read: the full write (or the pre-state) plus the credits.</summary>
    public bool ResolveAccount(in Address address, in ReadResult r, out AccountData data)
    {
        bool exists;
        if (r.Tx >= 0)
        {
            AccountWrite w = r.Account!;
            exists = !w.Deleted;
            data = exists ? new AccountData(w.Nonce, w.Balance, w.CodeHash) : default;
        }
        else exists = Base.TryGetAccount(address, out data);
        if (!exists) data = new AccountData(0, default, Hash256.EmptyKeccak);
        if (r.HasDelta)
        {
            // A credit creates the account it pays.
            data = data with { Balance = data.Balance + r.Delta };
            exists = true;
        }
        return exists;
    }
}
