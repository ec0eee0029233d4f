using System.Runtime.ExceptionServices;
using Tachyon.Core.Types;
using Tachyon.Evm;
using Tachyon.Evm.Interpreter;
using Tachyon.Evm.Processing;
using Tachyon.Evm.State;

namespace Tachyon.Execution;

/// <summary>
/// Block-STM over an open-ended stream: transactions are appended while the workers run, and one
/// committer (the caller's thread) takes results strictly in order. A transaction commits once it has
/// executed and its read set still holds with every earlier transaction committed — then its result is
/// final and equals the sequential one, so a receipt can be released at once. Invalid transactions
/// commit too (with their reason) and change nothing, as sequentially.
/// The caller guarantees what the engine does not check for streams: the gas limits of all appended
/// transactions fit the block (no block gas-allowance failure can depend on order).
/// Single caller thread; one stream at a time.
/// </summary>
public sealed class StreamingExecutor : IDisposable
{
    private readonly StmEngine _engine;
    private readonly WorkerPool _pool;
    private readonly ExecutableTransaction[] _txs;
    private readonly Action<int> _body;
    private readonly Func<bool> _idle;
    private readonly object _gate = new();
    private int _sleepers;
    private volatile bool _ending;
    private volatile int _committed;
    private IStateReader _preState = null!;
    // Accounts as the committed prefix of the stream left them (null: absent), for resolving credits.
    private readonly Dictionary<Address, AccountData?> _committedAccounts = new();
    private bool _open;
    private ExceptionDispatchInfo? _helperError;

    public StreamingExecutor(ForkSpec spec, int threads, int capacity = 4096, bool allowBlobTransactions = false)
    {
        if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), "at least one worker thread");
        if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity));
        Threads = threads;
        Capacity = capacity;
        _txs = new ExecutableTransaction[capacity];
        _engine = new StmEngine(spec, threads + 1, allowBlobTransactions) { Transactions = _txs, Results = new TransactionResult?[capacity] };
        _engine.Executed = OnExecuted;
        _pool = new WorkerPool(threads + 1); // ids 1..threads; the caller commits (and helps as worker 0)
        _idle = Idle;
        _body = RunWorker;
    }

    /// <summary>Off: only the committer validates (tests use it to check that commit-time validation alone is exact).</summary>
    internal bool EagerValidation
    {
        get => _engine.Scheduler.EagerValidation;
        set => _engine.Scheduler.EagerValidation = value;
    }

    /// <summary>Where the stream stands (scheduler indices, the next transaction to commit), for a stall report.</summary>
    public string Describe() => $"appended {Count}, committed {_committed}, executions {Executions}, aborts {Aborts}; " + _engine.Scheduler.Describe(_committed);

    public int Threads { get; }
    public int Capacity { get; }
    public bool IsOpen => _open;
    /// <summary>Appended to the open stream.</summary>
    public int Count => _engine.Scheduler.Count;
    /// <summary>Committed, in order, from the start of the stream.</summary>
    public int Committed => _committed;
    public bool IsFull => Count >= Capacity;
    /// <summary>Executions in this stream, re-executions included.</summary>
    public int Executions => Volatile.Read(ref _engine.Executions);
    /// <summary>Executions thrown away in this stream (stale reads, ESTIMATE hits).</summary>
    public int Aborts => Volatile.Read(ref _engine.Aborts);
    /// <summary>A worker failed; nothing more will commit (call <see cref="Close"/>, which rethrows).</summary>
    public bool Faulted => _open && !_ending && _engine.Scheduler.Done;

    /// <summary>
    /// Raised on a worker thread when the next transaction to commit may have become committable (or a
    /// worker failed): the committer should call <see cref="TryCommitNext"/>. Keep it cheap.
    /// </summary>
    public Action? Progress { get; set; }

    /// <summary>Starts a stream over <paramref name="preState"/>, which must not change until <see cref="Close"/> (concurrent reads only).</summary>
    public void Open(IStateReader preState, BlockEnvironment block)
    {
        if (_open) throw new InvalidOperationException("a stream is already open");
        _engine.Block = block;
        _preState = preState;
        _committedAccounts.Clear();
        _engine.ResetCounters();
        _engine.Memory.Reset(preState, Capacity);
        _engine.Scheduler.ResetStreaming(Capacity);
        Array.Clear(_engine.Results);
        _committed = 0;
        _ending = false;
        _open = true;
        _pool.Start(_body);
    }

    /// <summary>Adds the next transaction of the stream; workers may start on it at once.</summary>
    public void Append(ExecutableTransaction tx)
    {
        if (!_open) throw new InvalidOperationException("no open stream");
        if (IsFull) throw new InvalidOperationException("the stream is full");
        _txs[Count] = tx;
        _engine.Scheduler.Append();
        Wake();
    }

    /// <summary>
    /// Commits the next transaction when its execution is final; <paramref name="writes"/> is then the
    /// full post-state of everything it wrote. False when it is not ready yet (try again after <see cref="Progress"/>).
    /// </summary>
    public bool TryCommitNext(out TransactionResult result, out StateWriteSet writes)
    {
        result = null!;
        writes = null!;
        int k = _committed;
        Scheduler s = _engine.Scheduler;
        if (!_open || k >= s.Count || !s.IsExecuted(k, out int incarnation)) return false;
        if (!_engine.Memory.ValidateReadSet(k))
        {
            // Everything below k is final, so the stale read is real: run k again.
            if (s.TryValidationAbort(k, incarnation))
            {
                _engine.Memory.ConvertWritesToEstimates(k);
                _engine.CountAbort();
                s.RescheduleAborted(k);
                Wake();
            }
            return false;
        }
        if (!s.TryCommit(k, incarnation)) return false;
        result = _engine.Results[k]!;
        writes = result.IsValid ? Resolve(result.WriteSet!) : new StateWriteSet();
        _committed = k + 1;
        return true;
    }

    /// <summary>
    /// A committed transaction's writes as full values: its own full writes are final as they are; a
    /// lazy credit is added to the account as the committed prefix left it. Kept per stream in
    /// <see cref="_committedAccounts"/>, so a credit costs one lookup however many came before it.
    /// </summary>
    private StateWriteSet Resolve(StateWriteSet own)
    {
        bool anyCredit = false;
        foreach (AccountWrite w in own.Accounts) anyCredit |= w.IsBalanceCredit;
        StateWriteSet resolved = anyCredit ? new StateWriteSet() : own;
        foreach (AccountWrite w in own.Accounts)
        {
            if (!w.IsBalanceCredit)
            {
                _committedAccounts[w.Address] = w.Deleted ? null : new AccountData(w.Nonce, w.Balance, w.CodeHash);
                if (anyCredit) resolved.Accounts.Add(w);
                continue;
            }
            if (!_committedAccounts.TryGetValue(w.Address, out AccountData? before))
                before = _preState.TryGetAccount(w.Address, out AccountData a) ? a : null;
            // A credit creates the account it pays.
            AccountData after = before is { } b ? b with { Balance = b.Balance + w.Balance } : new AccountData(0, w.Balance, Hash256.EmptyKeccak);
            _committedAccounts[w.Address] = after;
            resolved.Accounts.Add(new AccountWrite { Address = w.Address, Nonce = after.Nonce, Balance = after.Balance, CodeHash = after.CodeHash });
        }
        return resolved;
    }

    /// <summary>
    /// Ends the stream and stops the workers (transactions not committed are dropped; commit them all
    /// first for a complete result). Rethrows a worker's exception.
    /// </summary>
    public void Close()
    {
        if (!_open) return;
        _ending = true;
        _engine.Scheduler.Halt();
        lock (_gate) Monitor.PulseAll(_gate);
        try
        {
            _pool.Join();
            ExceptionDispatchInfo? helper = _helperError;
            _helperError = null;
            helper?.Throw();
        }
        finally
        {
            _open = false;
            _engine.Block = null!;
            _preState = null!;
            Array.Clear(_txs);
        }
    }

    /// <summary>
    /// Streams a whole list (append everything, commit everything) and returns it as a block result:
    /// the streaming engine measured and tested like a block executor. Uses <see cref="Progress"/> meanwhile.
    /// </summary>
    public BlockExecutionResult ExecuteAll(IStateReader preState, BlockEnvironment block, IReadOnlyList<ExecutableTransaction> txs)
    {
        if (txs.Count > Capacity) throw new ArgumentException($"{txs.Count} transactions exceed the stream capacity {Capacity}", nameof(txs));
        Action? previous = Progress;
        using var signal = new WakeSignal();
        Progress = signal.Set;
        var results = new TransactionResult[txs.Count];
        long gas = 0;
        try
        {
            Open(preState, block);
            for (int i = 0; i < txs.Count; i++) Append(txs[i]);
            while (_committed < txs.Count)
            {
                if (TryCommitNext(out TransactionResult r, out _))
                {
                    results[_committed - 1] = r;
                    if (r.IsValid) gas += r.GasUsed;
                    continue;
                }
                if (Faulted) break;
                WaitForProgress(signal);
            }
        }
        finally
        {
            Close();
            Progress = previous;
        }
        return new BlockExecutionResult
        {
            Transactions = results, WriteSet = MergeCommitted(), GasUsed = gas, Executions = Executions, Aborts = Aborts,
        };
    }

    /// <summary>
    /// Waits until the next transaction may be committable. Meanwhile the committer runs tasks itself
    /// (as worker 0): it is a core like any other, and a sleep/wake pair per transaction costs more than
    /// the transaction. Blocks on <paramref name="signal"/> (set by <see cref="Progress"/>) only
    /// when there is nothing to run.
    /// </summary>
    public void WaitForProgress(WakeSignal signal)
    {
        int k = _committed;
        var spin = new SpinWait();
        while (spin.Count < 20)
        {
            if (!_open || k >= Count || _engine.Scheduler.IsExecuted(k, out _) || Faulted) return;
            bool ran;
            try
            {
                ran = _engine.RunOneTask(0);
            }
            catch (Exception e)
            {
                _helperError ??= ExceptionDispatchInfo.Capture(e); // the scheduler is halted: Faulted; Close rethrows
                return;
            }
            if (ran) spin.Reset();
            else spin.SpinOnce(sleep1Threshold: -1);
        }
        signal.Wait(1);
    }

    /// <summary>The merged write-set of the committed transactions (after <see cref="Close"/>, before the next <see cref="Open"/>).</summary>
    public StateWriteSet MergeCommitted() => _engine.Memory.MergeFinal(_committed);

    private void RunWorker(int id)
    {
        try
        {
            _engine.RunWorker(id, _idle);
        }
        catch
        {
            Progress?.Invoke(); // the committer must learn that nothing more will come
            throw;
        }
    }

    private void OnExecuted(int tx)
    {
        if (tx == _committed) Progress?.Invoke();
    }

    // Under the gate: a worker checks for work and starts waiting atomically, so no wake-up is missed.
    private void Wake()
    {
        lock (_gate)
            if (_sleepers > 0) Monitor.PulseAll(_gate);
    }

    /// <summary>A worker with nothing to do sleeps until an append or reschedule; false ends it.</summary>
    private bool Idle()
    {
        lock (_gate)
        {
            if (_ending) return false;
            if (_engine.Scheduler.HasPendingWork) return true;
            _sleepers++;
            Monitor.Wait(_gate, 50);
            _sleepers--;
            return !_ending;
        }
    }

    public void Dispose()
    {
        Close();
        _pool.Dispose();
    }
}
