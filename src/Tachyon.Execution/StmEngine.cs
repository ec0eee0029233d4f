using Tachyon.Evm;
using Tachyon.Evm.Interpreter;
using Tachyon.Evm.Processing;
using Tachyon.Evm.State;

namespace Tachyon.Execution;

/// <summary>
/// The Block-STM worker loop shared by the block executor and the streaming executor: a worker takes
/// tasks from the scheduler, executes transactions against the multi-version memory and validates
/// read sets. The owner sets the block, transactions and result array before the workers start.
/// </summary>
internal sealed class StmEngine
{
    public readonly MultiVersionMemory Memory = new();
    public readonly Scheduler Scheduler = new();
    private readonly StmWorker[] _workers;

    public BlockEnvironment Block = null!;
    public IReadOnlyList<ExecutableTransaction> Transactions = [];
    public TransactionResult?[] Results = [];
    public int Executions, Aborts;
    /// <summary>Aborts at which <see cref="AbortRateExceeded"/> starts to apply.</summary>
    public int MinAbortsBeforeFallback = int.MaxValue;
    public double AbortRateFallback = double.PositiveInfinity;
    /// <summary>Set (and the scheduler halted) when aborts passed the rate threshold.</summary>
    public volatile bool AbortRateExceeded;
    /// <summary>Called on the worker after an execution of the transaction was published.</summary>
    public Action<int>? Executed;

    public StmEngine(ForkSpec spec, int workers, bool allowBlobTransactions)
    {
        _workers = new StmWorker[workers];
        for (int i = 0; i < workers; i++) _workers[i] = new StmWorker(spec, Memory, allowBlobTransactions);
    }

    /// <summary>Clears the counters (between blocks / streams).</summary>
    public void ResetCounters()
    {
        Executions = Aborts = 0;
        AbortRateExceeded = false;
    }

    /// <summary>Runs worker <paramref name="id"/> until the scheduler is done (or halted); idles with <paramref name="idle"/> when it finds no task.</summary>
    public void RunWorker(int id, Func<bool>? idle = null)
    {
        StmWorker w = _workers[id];
        try
        {
            SchedulerTask task = SchedulerTask.None;
            var spin = new SpinWait();
            while (!Scheduler.Done)
            {
                if (task.Kind == TaskKind.Execute) task = TryExecute(w, task.Tx, task.Incarnation);
                else if (task.Kind == TaskKind.Validate) task = Validate(task.Tx, task.Incarnation);
                if (task.Kind != TaskKind.None) continue;
                task = Scheduler.NextTask();
                if (task.Kind != TaskKind.None) { spin.Reset(); continue; }
                if (idle == null || spin.Count < 30) spin.SpinOnce(sleep1Threshold: -1);
                else if (!idle()) return;
                else spin.Reset();
            }
        }
        catch
        {
            Scheduler.Halt();
            throw;
        }
    }

    /// <summary>
    /// Takes one task (and the follow-ups it hands back) on worker <paramref name="id"/>; false when
    /// there was none. Lets a committer help instead of sleeping while it waits for a result.
    /// </summary>
    public bool RunOneTask(int id)
    {
        SchedulerTask task = Scheduler.NextTask();
        if (task.Kind == TaskKind.None) return false;
        StmWorker w = _workers[id];
        try
        {
            while (task.Kind != TaskKind.None)
                task = task.Kind == TaskKind.Execute ? TryExecute(w, task.Tx, task.Incarnation) : Validate(task.Tx, task.Incarnation);
        }
        catch
        {
            Scheduler.Halt();
            throw;
        }
        return true;
    }

    private SchedulerTask TryExecute(StmWorker w, int tx, int incarnation)
    {
        while (true)
        {
            Interlocked.Increment(ref Executions);
            w.Reader.Begin(tx);
            w.State.Clear();
            TransactionResult result = w.Processor.Execute(w.State, Block, Transactions[tx]);
            if (w.Reader.BlockingTx >= 0)
            {
                CountAbort();
                if (Scheduler.AddDependency(tx, w.Reader.BlockingTx)) return SchedulerTask.None;
                continue; // the blocker finished meanwhile
            }
            Results[tx] = result;
            bool wroteNew = Memory.Record(tx, incarnation, result.WriteSet, w.Reader, w.Scratch);
            SchedulerTask next = Scheduler.FinishExecution(tx, incarnation, wroteNew, w.Resume);
            Executed?.Invoke(tx);
            return next;
        }
    }

    private SchedulerTask Validate(int tx, int incarnation)
    {
        bool aborted = !Memory.ValidateReadSet(tx) && Scheduler.TryValidationAbort(tx, incarnation);
        if (aborted)
        {
            Memory.ConvertWritesToEstimates(tx);
            CountAbort();
        }
        return Scheduler.FinishValidation(tx, aborted);
    }

    public void CountAbort()
    {
        int aborts = Interlocked.Increment(ref Aborts);
        if (aborts >= MinAbortsBeforeFallback && aborts > AbortRateFallback * Math.Max(Scheduler.ExecutionIndex, 1))
        {
            AbortRateExceeded = true;
            Scheduler.Halt();
        }
    }
}

/// <summary>Per-worker state, reused for every transaction the worker runs.</summary>
internal sealed class StmWorker
{
    public readonly TransactionProcessor Processor;
    public readonly MvStateReader Reader;
    public readonly ExecutionState State;
    public readonly WorkerScratch Scratch = new();
    public readonly List<int> Resume = new();

    public StmWorker(ForkSpec spec, MultiVersionMemory memory, bool allowBlobTransactions)
    {
        Processor = new TransactionProcessor(spec) { AllowBlobTransactions = allowBlobTransactions };
        Reader = new MvStateReader(memory);
        State = new ExecutionState(Reader);
    }
}
