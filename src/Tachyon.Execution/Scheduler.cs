namespace Tachyon.Execution;

internal enum TaskKind : byte { None, Execute, Validate }

internal readonly record struct SchedulerTask(TaskKind Kind, int Tx, int Incarnation)
{
    public static readonly SchedulerTask None = default;
}

/// <summary>
/// The collaborative Block-STM scheduler (Gelashvili et al., 2022): workers take the lowest pending
/// validation or execution task from two shared indices. Each transaction's status and incarnation
/// live in one 64-bit word changed with <see cref="Interlocked.CompareExchange(ref long, long, long)"/>;
/// a transaction that read an ESTIMATE is parked on its blocker's dependency list (locked) until the
/// blocker finishes executing.
/// In streaming mode (<see cref="ResetStreaming"/>) transactions are appended while workers run, the
/// scheduler never declares itself done, and a committer finalises transactions in order
/// (<see cref="TryCommit"/>): a committed transaction is never aborted or executed again.
/// </summary>
internal sealed class Scheduler
{
    private const long ReadyToExecute = 0, Executing = 1, Executed = 2, Aborting = 3, Committed = 4;

    private long[] _status = [];
    private List<int>?[] _dependencies = [];
    private volatile int _n;
    private bool _streaming;
    private int _executionIdx, _validationIdx, _decreaseCount, _activeTasks;
    private volatile bool _done;

    public bool Done => _done;
    /// <summary>
    /// Validate executed transactions as soon as possible (default). A stream's committer validates at
    /// commit anyway; tests turn this off to check that the commit-time validation alone is exact.
    /// </summary>
    public bool EagerValidation { get; set; } = true;
    /// <summary>How far execution has got (for the abort-rate fallback).</summary>
    public int ExecutionIndex => Math.Min(Volatile.Read(ref _executionIdx), _n);

    public void Reset(int n)
    {
        Clear(n);
        _streaming = false;
        _n = n;
        _done = n == 0;
    }

    /// <summary>Empty, room for <paramref name="capacity"/> appended transactions, never done until halted.</summary>
    public void ResetStreaming(int capacity)
    {
        Clear(capacity);
        _streaming = true;
        _n = 0;
        _done = false;
    }

    private void Clear(int n)
    {
        if (_status.Length < n)
        {
            _status = new long[n];
            _dependencies = new List<int>?[n];
        }
        Array.Clear(_status, 0, n);
        for (int i = 0; i < n; i++) _dependencies[i]?.Clear();
        _executionIdx = _validationIdx = _decreaseCount = _activeTasks = 0;
    }

    /// <summary>True when a task is waiting to be taken (an idle worker must not sleep).</summary>
    public bool HasPendingWork
    {
        get
        {
            int n = _n, exec = Volatile.Read(ref _executionIdx);
            return exec < n || (EagerValidation && Volatile.Read(ref _validationIdx) < Math.Min(exec, n));
        }
    }

    /// <summary>Indices and one transaction's status word, for diagnostics when a stream stalls.</summary>
    public string Describe(int tx) =>
        $"n {_n}, execution index {Volatile.Read(ref _executionIdx)}, validation index {Volatile.Read(ref _validationIdx)}, done {_done}, " +
        (tx < _n ? $"tx {tx}: status {StatusOf(Volatile.Read(ref _status[tx]))}, incarnation {IncarnationOf(Volatile.Read(ref _status[tx]))}, dependents of it {_dependencies[tx]?.Count ?? 0}" : "");

    /// <summary>Transactions known to the scheduler.</summary>
    public int Count => _n;

    /// <summary>Makes transaction <see cref="Count"/> executable (its inputs must be published first).</summary>
    public void Append()
    {
        int k = _n;
        if (k >= _status.Length) throw new InvalidOperationException("streaming capacity exceeded");
        _n = k + 1;
        // Workers may have moved the index past k while it did not exist yet.
        DecreaseExecutionIndex(k);
    }

    /// <summary>Stops every worker (abort-rate fallback).</summary>
    public void Halt() => _done = true;

    private static long Word(int incarnation, long status) => ((long)incarnation << 3) | status;
    private static long StatusOf(long word) => word & 7;
    private static int IncarnationOf(long word) => (int)(word >> 3);

    private bool TryTransition(int tx, long from, long to) =>
        Interlocked.CompareExchange(ref _status[tx], to, from) == from;

    public SchedulerTask NextTask()
    {
        while (!_done)
        {
            if (EagerValidation && Volatile.Read(ref _validationIdx) < Volatile.Read(ref _executionIdx))
            {
                SchedulerTask t = NextVersionToValidate();
                if (t.Kind != TaskKind.None) return t;
            }
            else
            {
                SchedulerTask t = NextVersionToExecute();
                if (t.Kind != TaskKind.None) return t;
            }
            if ((!EagerValidation || Volatile.Read(ref _validationIdx) >= _n) && Volatile.Read(ref _executionIdx) >= _n) return SchedulerTask.None;
        }
        return SchedulerTask.None;
    }

    private SchedulerTask TryIncarnate(int tx)
    {
        if (tx < _n)
        {
            long w = Volatile.Read(ref _status[tx]);
            if (StatusOf(w) == ReadyToExecute && TryTransition(tx, w, Word(IncarnationOf(w), Executing)))
                return new SchedulerTask(TaskKind.Execute, tx, IncarnationOf(w));
        }
        Interlocked.Decrement(ref _activeTasks);
        return SchedulerTask.None;
    }

    private SchedulerTask NextVersionToExecute()
    {
        if (Volatile.Read(ref _executionIdx) >= _n)
        {
            CheckDone();
            return SchedulerTask.None;
        }
        Interlocked.Increment(ref _activeTasks);
        int tx = Interlocked.Increment(ref _executionIdx) - 1;
        return TryIncarnate(tx);
    }

    private SchedulerTask NextVersionToValidate()
    {
        if (Volatile.Read(ref _validationIdx) >= _n)
        {
            CheckDone();
            return SchedulerTask.None;
        }
        Interlocked.Increment(ref _activeTasks);
        int tx = Interlocked.Increment(ref _validationIdx) - 1;
        if (tx < _n)
        {
            long w = Volatile.Read(ref _status[tx]);
            if (StatusOf(w) == Executed) return new SchedulerTask(TaskKind.Validate, tx, IncarnationOf(w));
        }
        Interlocked.Decrement(ref _activeTasks);
        return SchedulerTask.None;
    }

    private void CheckDone()
    {
        if (_streaming) return;
        int observed = Volatile.Read(ref _decreaseCount);
        if (Math.Min(Volatile.Read(ref _executionIdx), Volatile.Read(ref _validationIdx)) >= _n
            && Volatile.Read(ref _activeTasks) == 0
            && observed == Volatile.Read(ref _decreaseCount))
            _done = true;
    }

    private void DecreaseExecutionIndex(int target)
    {
        int cur;
        while ((cur = Volatile.Read(ref _executionIdx)) > target && Interlocked.CompareExchange(ref _executionIdx, target, cur) != cur) { }
        Interlocked.Increment(ref _decreaseCount);
    }

    private void DecreaseValidationIndex(int target)
    {
        int cur;
        while ((cur = Volatile.Read(ref _validationIdx)) > target && Interlocked.CompareExchange(ref _validationIdx, target, cur) != cur) { }
        Interlocked.Increment(ref _decreaseCount);
    }

    /// <summary>
    /// Parks <paramref name="tx"/> until <paramref name="blocking"/> finishes executing. False when it
    /// already has (the caller re-executes at once).
    /// </summary>
    public bool AddDependency(int tx, int blocking)
    {
        List<int> deps = _dependencies[blocking] ??= InitDependencies(blocking);
        lock (deps)
        {
            long b = StatusOf(Volatile.Read(ref _status[blocking]));
            if (b == Executed || b == Committed) return false;
            long w = Volatile.Read(ref _status[tx]);
            Volatile.Write(ref _status[tx], Word(IncarnationOf(w), Aborting));
            deps.Add(tx);
        }
        Interlocked.Decrement(ref _activeTasks);
        return true;
    }

    private List<int> InitDependencies(int tx)
    {
        var list = new List<int>(4);
        return Interlocked.CompareExchange(ref _dependencies[tx], list, null) ?? list;
    }

    private void SetReady(int tx)
    {
        long w = Volatile.Read(ref _status[tx]);
        Volatile.Write(ref _status[tx], Word(IncarnationOf(w) + 1, ReadyToExecute));
    }

    public SchedulerTask FinishExecution(int tx, int incarnation, bool wroteNewLocation, List<int> resumeScratch)
    {
        resumeScratch.Clear();
        List<int> deps = _dependencies[tx] ??= InitDependencies(tx);
        lock (deps)
        {
            Volatile.Write(ref _status[tx], Word(incarnation, Executed));
            resumeScratch.AddRange(deps);
            deps.Clear();
        }
        if (resumeScratch.Count > 0)
        {
            int min = int.MaxValue;
            foreach (int d in resumeScratch)
            {
                SetReady(d);
                if (d < min) min = d;
            }
            DecreaseExecutionIndex(min);
        }
        if (EagerValidation && Volatile.Read(ref _validationIdx) > tx)
        {
            if (!wroteNewLocation) return new SchedulerTask(TaskKind.Validate, tx, incarnation);
            DecreaseValidationIndex(tx);
        }
        Interlocked.Decrement(ref _activeTasks);
        return SchedulerTask.None;
    }

    /// <summary>True when <paramref name="tx"/> has finished an execution (not yet committed); its incarnation.</summary>
    public bool IsExecuted(int tx, out int incarnation)
    {
        long w = Volatile.Read(ref _status[tx]);
        incarnation = IncarnationOf(w);
        return StatusOf(w) == Executed;
    }

    /// <summary>Finalises an executed incarnation; false when it was aborted meanwhile.</summary>
    public bool TryCommit(int tx, int incarnation) =>
        TryTransition(tx, Word(incarnation, Executed), Word(incarnation, Committed));

    /// <summary>
    /// After the committer aborted <paramref name="tx"/> (<see cref="TryValidationAbort"/>, then its
    /// writes marked as estimates): schedules the next incarnation and re-validation above it.
    /// </summary>
    public void RescheduleAborted(int tx)
    {
        SetReady(tx);
        DecreaseValidationIndex(tx + 1);
        DecreaseExecutionIndex(tx);
    }

    public bool TryValidationAbort(int tx, int incarnation) =>
        TryTransition(tx, Word(incarnation, Executed), Word(incarnation, Aborting));

    public SchedulerTask FinishValidation(int tx, bool aborted)
    {
        if (aborted)
        {
            SetReady(tx);
            DecreaseValidationIndex(tx + 1);
            if (Volatile.Read(ref _executionIdx) > tx)
            {
                SchedulerTask t = TryIncarnate(tx);
                if (t.Kind != TaskKind.None) return t;
                return SchedulerTask.None; // TryIncarnate released the active task
            }
        }
        Interlocked.Decrement(ref _activeTasks);
        return SchedulerTask.None;
    }
}
