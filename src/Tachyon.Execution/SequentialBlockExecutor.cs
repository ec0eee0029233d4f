using Tachyon.Evm;
using Tachyon.Evm.Interpreter;
using Tachyon.Evm.Processing;
using Tachyon.Evm.State;

namespace Tachyon.Execution;

/// <summary>The reference: runs the block's transactions one after another over an overlay of the pre-state.</summary>
public sealed class SequentialBlockExecutor
{
    private readonly TransactionProcessor _processor;

    public SequentialBlockExecutor(ForkSpec spec, bool allowBlobTransactions = false) =>
        _processor = new TransactionProcessor(spec) { AllowBlobTransactions = allowBlobTransactions };

    public ForkSpec Spec => _processor.Spec;

    public BlockExecutionResult Execute(IStateReader preState, BlockEnvironment block, IReadOnlyList<ExecutableTransaction> txs)
    {
        var world = new OverlayWorldState(preState);
        var state = new ExecutionState(world);
        var results = new TransactionResult[txs.Count];
        long gasUsed = 0;
        for (int i = 0; i < txs.Count; i++)
        {
            // One journal reused for the whole block, as each parallel worker does.
            state.Clear();
            TransactionResult r = _processor.Execute(state, block, txs[i], gasUsed);
            if (r.WriteSet != null) world.Commit(r.WriteSet);
            results[i] = r;
            if (r.IsValid) gasUsed += r.GasUsed;
        }
        return new BlockExecutionResult
        {
            Transactions = results, WriteSet = world.ToWriteSet(), GasUsed = gasUsed,
            Executions = txs.Count, RanSequentially = true,
        };
    }
}
