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
    private readonly StmEngine _engine;
    private readonly Action<int> _body;
    private readonly HashSet<Address> _senders = new();

    public ParallelBlockExecutor(ForkSpec spec, ParallelExecutorOptions? options = null, bool allowBlobTransactions = false)
    {
        _options = options ?? new ParallelExecutorOptions();
        if (_options.Threads < 1) throw new ArgumentOutOfRangeException(nameof(options), "Threads must be at least 1");
        _sequential = new SequentialBlockExecutor(spec, allowBlobTransactions);
        _pool = new WorkerPool(_options.Threads);
        _engine = new StmEngine(spec, _options.Threads, allowBlobTransactions)
        {
            MinAbortsBeforeFallback = _options.MinAbortsBeforeFallback,
            AbortRateFallback = _options.AbortRateFallback,
        };
        _body = id => _engine.RunWorker(id);
    }

    public int Threads => _options.Threads;

    public BlockExecutionResult Execute(IStateReader preState, BlockEnvironment block, IReadOnlyList<ExecutableTransaction> txs)
    {
        int n = txs.Count;
        if (n < _options.MinParallelBatch || !GasLimitsFit(block, txs) || MostlyNonceChains(txs))
            return _sequential.Execute(preState, block, txs);

        StmEngine e = _engine;
        e.Block = block;
        e.Transactions = txs;
        if (e.Results.Length < n) e.Results = new TransactionResult?[n];
        Array.Clear(e.Results, 0, n);
        e.ResetCounters();
        e.Memory.Reset(preState, n);
        e.Scheduler.Reset(n);
        try
        {
            _pool.Run(_body);
        }
        finally
        {
            e.Block = null!;
            e.Transactions = [];
        }
        if (e.AbortRateExceeded)
        {
            BlockExecutionResult seq = _sequential.Execute(preState, block, txs);
            return new BlockExecutionResult
            {
                Transactions = seq.Transactions, WriteSet = seq.WriteSet, GasUsed = seq.GasUsed,
                Executions = e.Executions + n, Aborts = e.Aborts, RanSequentially = true,
            };
        }

        var results = new TransactionResult[n];
        long gasUsed = 0;
        for (int i = 0; i < n; i++)
        {
            TransactionResult r = e.Results[i]!;
            results[i] = r;
            if (r.IsValid) gasUsed += r.GasUsed;
        }
        return new BlockExecutionResult
        {
            Transactions = results, WriteSet = e.Memory.MergeFinal(n), GasUsed = gasUsed,
            Executions = e.Executions, Aborts = e.Aborts,
        };
    }

    /// <summary>
    /// The block gas-allowance check depends on the gas of every earlier transaction; when all gas
    /// limits fit in the block it can never fail, so execution order cannot change it.
    /// </summary>
    internal static bool GasLimitsFit(BlockEnvironment block, IReadOnlyList<ExecutableTransaction> txs)
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

    public void Dispose() => _pool.Dispose();
}
