using Tachyon.Evm.Processing;
using Tachyon.Evm.State;

namespace Tachyon.Execution;

/// <summary>What executing a block's transactions produced, identical for both executors.</summary>
public sealed class BlockExecutionResult
{
    /// <summary>
    /// One per transaction, in block order (invalid ones carry <see cref="TransactionResult.InvalidReason"/>).
    /// From the parallel executor a transaction's own <see cref="TransactionResult.WriteSet"/> may hold lazy
    /// credits (<see cref="AccountWrite.IsBalanceCredit"/>); commit <see cref="WriteSet"/>, not those.
    /// </summary>
    public required TransactionResult[] Transactions { get; init; }
    /// <summary>The block's final merged write-set against the pre-state (full values, no credit deltas).</summary>
    public required StateWriteSet WriteSet { get; init; }
    /// <summary>Gas of the valid transactions (the block's gasUsed).</summary>
    public long GasUsed { get; init; }
    /// <summary>Transaction executions, re-executions included.</summary>
    public int Executions { get; init; }
    /// <summary>Executions thrown away: failed validations plus reads of an ESTIMATE.</summary>
    public int Aborts { get; init; }
    /// <summary>The block ran on the sequential path (tiny batch, nonce chains, abort-rate fallback, gas-limit guard).</summary>
    public bool RanSequentially { get; init; }
}

/// <summary>Tuning of <see cref="ParallelBlockExecutor"/>.</summary>
public sealed class ParallelExecutorOptions
{
    /// <summary>Worker threads, the calling thread included.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;
    /// <summary>Batches smaller than this run sequentially.</summary>
    public int MinParallelBatch { get; init; } = 8;
    /// <summary>
    /// When aborts exceed this fraction of the transactions started so far (after at least
    /// <see cref="MinAbortsBeforeFallback"/> aborts), the block is abandoned and run sequentially.
    /// </summary>
    public double AbortRateFallback { get; init; } = 0.5;
    public int MinAbortsBeforeFallback { get; init; } = 16;
    /// <summary>
    /// When more than this fraction of the transactions come from a sender already seen earlier in the
    /// batch (nonce chains: each one depends on the previous), the batch runs sequentially up front.
    /// </summary>
    public double RepeatedSenderFallback { get; init; } = 0.5;
}
