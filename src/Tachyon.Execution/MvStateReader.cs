using Tachyon.Core.Numerics;
using Tachyon.Core.Types;
using Tachyon.Evm.State;

namespace Tachyon.Execution;

/// <summary>
/// One worker's view of the multi-version memory while it executes transaction <see cref="Tx"/>:
/// every read resolves against the highest lower writer and is recorded for validation. Reading an
/// ESTIMATE sets <see cref="BlockingTx"/> (no exception): later reads answer "absent" and are not
/// recorded, and the worker discards the execution and waits for that transaction.
/// </summary>
internal sealed class MvStateReader : IStateReader
{
    private readonly MultiVersionMemory _memory;
    private readonly List<ReadRecord> _reads = new(64);
    // What this incarnation read for each account (exists + fields), to drop writes that change nothing.
    private readonly Dictionary<Address, (bool Exists, AccountData Data)> _accounts = new();

    public MvStateReader(MultiVersionMemory memory) => _memory = memory;

    public int Tx { get; private set; }
    public int BlockingTx { get; private set; } = -1;

    public bool SupportsDeferredCredits => true;

    public void Begin(int tx)
    {
        Tx = tx;
        BlockingTx = -1;
        _reads.Clear();
        _accounts.Clear();
    }

    /// <summary>
    /// True when <paramref name="w"/> leaves the account exactly as this incarnation read it (only its
    /// storage changed): then only the slots are published and readers of the account do not conflict.
    /// </summary>
    public bool LeavesAccountAsRead(AccountWrite w) =>
        !w.IsBalanceCredit && !w.Deleted && !w.StorageCleared && w.Code is null
        && _accounts.TryGetValue(w.Address, out var read) && read.Exists
        && read.Data.Nonce == w.Nonce && read.Data.Balance == w.Balance && read.Data.CodeHash == w.CodeHash;

    public ReadRecord[] TakeReads() => _reads.Count == 0 ? [] : _reads.ToArray();

    private bool Resolve(in StateLocation loc, out ReadResult r)
    {
        if (BlockingTx >= 0)
        {
            r = default;
            return false;
        }
        _memory.Read(loc, Tx, out r);
        if (r.BlockingTx >= 0)
        {
            BlockingTx = r.BlockingTx;
            return false;
        }
        _reads.Add(new ReadRecord(loc, r));
        return true;
    }

    public bool TryGetAccount(in Address address, out AccountData account)
    {
        if (!Resolve(StateLocation.Account(address), out ReadResult r))
        {
            account = default;
            return false;
        }
        bool exists = _memory.ResolveAccount(address, r, out account);
        _accounts.TryAdd(address, (exists, account));
        return exists;
    }

    /// <summary>A call target's code hash alone: recorded so that only a change of the code (not of the balance) invalidates.</summary>
    public Hash256 GetCodeHash(in Address address)
    {
        if (BlockingTx >= 0) return Hash256.EmptyKeccak;
        StateLocation loc = StateLocation.Account(address);
        _memory.ReadIgnoringCredits(loc, Tx, out ReadResult r);
        if (r.BlockingTx >= 0)
        {
            BlockingTx = r.BlockingTx;
            return Hash256.EmptyKeccak;
        }
        Hash256 codeHash = _memory.CodeHashOf(address, r);
        _reads.Add(ReadRecord.ForCodeHash(loc, codeHash));
        return codeHash;
    }

    // Code is immutable per hash, and the hash itself was read (and versioned) through the account.
    public byte[] GetCode(in Address address, in Hash256 codeHash) =>
        codeHash == Hash256.EmptyKeccak ? [] : _memory.GetCode(address, codeHash);

    public UInt256 GetStorage(in Address address, in UInt256 slot)
    {
        if (!Resolve(StateLocation.StorageSlot(address, slot), out ReadResult s)) return default;
        if (!Resolve(StateLocation.Clear(address), out ReadResult c)) return default;
        if (s.Tx >= 0 && s.Tx >= c.Tx) return s.Value;
        if (c.Tx >= 0) return default;
        return _memory.Base.GetStorage(address, slot);
    }

    /// <summary>
    /// EIP-7610 collision check. Storage is only written by an account that has code or a non-zero
    /// nonce (then the check is not consulted), so within a block only clears change the answer.
    /// </summary>
    public bool HasStorage(in Address address)
    {
        if (!Resolve(StateLocation.Clear(address), out ReadResult c)) return false;
        if (c.Tx < 0) return _memory.Base.HasStorage(address);
        foreach (KeyValuePair<UInt256, UInt256> kv in c.Account!.Storage)
            if (!kv.Value.IsZero) return true;
        return false;
    }
}

/// <summary>Per-worker reusable collections (no allocation per transaction beyond the published arrays).</summary>
internal sealed class WorkerScratch
{
    public readonly List<StateLocation> Written = new(64);
    public readonly HashSet<StateLocation> WrittenSet = new();
    public readonly HashSet<StateLocation> PreviousSet = new();
}
