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
        var results = new TransactionResult[txs.Count];
        long gasUsed = 0;
        for (int i = 0; i < txs.Count; i++)
        {
            TransactionResult r = _processor.Execute(world, block, txs[i], gasUsed);
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
