using Tachyon.Core.Types;
using Tachyon.Evm;
using Tachyon.Evm.Interpreter;
using Tachyon.Evm.Processing;
using Tachyon.Evm.State;

namespace Tachyon.Execution;

/// <summary>
/// Block-STM: the block's transactions run optimistically on a reusable pool of workers against a
/// multi-version memory; validation re-executes what read stale data; the result (per-transaction
/// results and the merged write-set) equals <see cref="SequentialBlockExecutor"/>'s, always.
/// Not thread-safe: one block at a time per instance.
/// </summary>
public sealed class ParallelBlockExecutor : IDisposable
{
    private readonly ParallelExecutorOptions _options;
    private readonly SequentialBlockExecutor _sequential;
    private readonly WorkerPool _pool;
    private readonly Worker[] _workers;
    private readonly MultiVersionMemory _memory = new();
    private readonly Scheduler _scheduler = new();
    private readonly Action<int> _body;

    // The block being executed (set by Execute, read by the workers).
    private BlockEnvironment _block = null!;
    private IReadOnlyList<ExecutableTransaction> _txs = [];
    private TransactionResult?[] _results = [];
    private int _executions, _aborts;
    private volatile bool _fellBack;
    private readonly HashSet<Address> _senders = new();

    public ParallelBlockExecutor(ForkSpec spec, ParallelExecutorOptions? options = null, bool allowBlobTransactions = false)
    {
        _options = options ?? new ParallelExecutorOptions();
        if (_options.Threads < 1) throw new ArgumentOutOfRangeException(nameof(options), "Threads must be at least 1");
        _sequential = new SequentialBlockExecutor(spec, allowBlobTransactions);
        _pool = new WorkerPool(_options.Threads);
        _workers = new Worker[_options.Threads];
        for (int i = 0; i < _workers.Length; i++) _workers[i] = new Worker(spec, _memory, allowBlobTransactions);
        _body = RunWorker;
    }

    public int Threads => _options.Threads;

    public BlockExecutionResult Execute(IStateReader preState, BlockEnvironment block, IReadOnlyList<ExecutableTransaction> txs)
    {
        int n = txs.Count;
        if (n < _options.MinParallelBatch || !GasLimitsFit(block, txs) || MostlyNonceChains(txs))
            return _sequential.Execute(preState, block, txs);

        _block = block;
        _txs = txs;
        if (_results.Length < n) _results = new TransactionResult?[n];
        Array.Clear(_results, 0, n);
        _executions = _aborts = 0;
        _memory.Reset(preState, n);
        _scheduler.Reset(n);
        _fellBack = false;
        try
        {
            _pool.Run(_body);
        }
        finally
        {
            _block = null!;
            _txs = [];
        }
        if (_fellBack)
        {
            BlockExecutionResult seq = _sequential.Execute(preState, block, txs);
            return new BlockExecutionResult
            {
                Transactions = seq.Transactions, WriteSet = seq.WriteSet, GasUsed = seq.GasUsed,
                Executions = _executions + n, Aborts = _aborts, RanSequentially = true,
            };
        }

        var results = new TransactionResult[n];
        long gasUsed = 0;
        for (int i = 0; i < n; i++)
        {
            TransactionResult r = _results[i]!;
            results[i] = r;
            if (r.IsValid) gasUsed += r.GasUsed;
        }
        return new BlockExecutionResult
        {
            Transactions = results, WriteSet = _memory.MergeFinal(n), GasUsed = gasUsed,
            Executions = _executions, Aborts = _aborts,
        };
    }

    /// <summary>
    /// The block gas-allowance check depends on the gas of every earlier transaction; when all gas
    /// limits fit in the block it can never fail, so execution order cannot change it.
    /// </summary>
    private static bool GasLimitsFit(BlockEnvironment block, IReadOnlyList<ExecutableTransaction> txs)
    {
        long sum = 0;
        for (int i = 0; i < txs.Count; i++)
        {
            sum += txs[i].GasLimit;
            if (sum > block.GasLimit || sum < 0) return false;
        }
        return true;
    }

    private bool MostlyNonceChains(IReadOnlyList<ExecutableTransaction> txs)
    {
        _senders.Clear();
        int repeated = 0;
        for (int i = 0; i < txs.Count; i++)
            if (!_senders.Add(txs[i].Sender)) repeated++;
        return repeated > _options.RepeatedSenderFallback * txs.Count;
    }

    private void RunWorker(int id)
    {
        Worker w = _workers[id];
        try
        {
            SchedulerTask task = SchedulerTask.None;
            var spin = new SpinWait();
            while (!_scheduler.Done)
            {
                if (task.Kind == TaskKind.Execute) task = TryExecute(w, task.Tx, task.Incarnation);
                else if (task.Kind == TaskKind.Validate) task = Validate(w, task.Tx, task.Incarnation);
                if (task.Kind == TaskKind.None)
                {
                    task = _scheduler.NextTask();
                    if (task.Kind == TaskKind.None) spin.SpinOnce(sleep1Threshold: -1);
                    else spin.Reset();
                }
            }
        }
        catch
        {
            _scheduler.Halt();
            throw;
        }
    }

    private SchedulerTask TryExecute(Worker w, int tx, int incarnation)
    {
        while (true)
        {
            Interlocked.Increment(ref _executions);
            w.Reader.Begin(tx);
            w.State.Clear();
            TransactionResult result = w.Processor.Execute(w.State, _block, _txs[tx]);
            if (w.Reader.BlockingTx >= 0)
            {
                CountAbort();
                if (_scheduler.AddDependency(tx, w.Reader.BlockingTx)) return SchedulerTask.None;
                continue; // the blocker finished meanwhile
            }
            _results[tx] = result;
            bool wroteNew = _memory.Record(tx, incarnation, result.WriteSet, w.Reader, w.Scratch);
            return _scheduler.FinishExecution(tx, incarnation, wroteNew, w.Resume);
        }
    }

    private SchedulerTask Validate(Worker w, int tx, int incarnation)
    {
        bool aborted = !_memory.ValidateReadSet(tx) && _scheduler.TryValidationAbort(tx, incarnation);
        if (aborted)
        {
            _memory.ConvertWritesToEstimates(tx);
            CountAbort();
        }
        return _scheduler.FinishValidation(tx, aborted);
    }

    private void CountAbort()
    {
        int aborts = Interlocked.Increment(ref _aborts);
        if (aborts >= _options.MinAbortsBeforeFallback
            && aborts > _options.AbortRateFallback * Math.Max(_scheduler.ExecutionIndex, 1))
        {
            _fellBack = true;
            _scheduler.Halt();
        }
    }

    public void Dispose() => _pool.Dispose();

    /// <summary>Per-worker state, reused for every transaction the worker runs.</summary>
    private sealed class Worker
    {
        public readonly TransactionProcessor Processor;
        public readonly MvStateReader Reader;
        public readonly ExecutionState State;
        public readonly WorkerScratch Scratch = new();
        public readonly List<int> Resume = new();

        public Worker(ForkSpec spec, MultiVersionMemory memory, bool allowBlobTransactions)
        {
            Processor = new TransactionProcessor(spec) { AllowBlobTransactions = allowBlobTransactions };
            Reader = new MvStateReader(memory);
            State = new ExecutionState(Reader);
        }
    }
}
