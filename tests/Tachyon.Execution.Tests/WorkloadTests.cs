using Tachyon.Evm;
using Tachyon.Evm.Processing;
using Tachyon.Evm.State;
using Tachyon.Workloads.Contracts;
using Tachyon.Workloads.Parallel;

namespace Tachyon.Execution.Tests;

/// <summary>The benchmark workloads: every transaction succeeds, and the parallel engine matches the sequential one.</summary>
public class WorkloadTests
{
    [Theory]
    [InlineData(WorkloadKind.Transfer, 0.0)]
    [InlineData(WorkloadKind.Transfer, 0.3)]
    [InlineData(WorkloadKind.Erc20, 0.0)]
    [InlineData(WorkloadKind.Erc20, 0.5)]
    [InlineData(WorkloadKind.Swap, 0.0)]
    [InlineData(WorkloadKind.Swap, 1.0)]
    [InlineData(WorkloadKind.Mixed, 0.1)]
    [InlineData(WorkloadKind.Dependent, 0.0)]
    public void WorkloadMatchesSequential(WorkloadKind kind, double hot)
    {
        var w = new ExecutionWorkload(new WorkloadOptions(kind, 120, hot, Blocks: 1, Seed: 3));
        IReadOnlyList<ExecutableTransaction> txs = w.Blocks[0];
        BlockExecutionResult expected = new SequentialBlockExecutor(ForkSpec.Prague).Execute(w.CreatePreState(), w.Block, txs);
        foreach (TransactionResult r in expected.Transactions)
            Assert.True(r.IsValid && r.Success, $"{kind}: {r.InvalidReason ?? r.Status.ToString()}");
        for (int threads = 2; threads <= 4; threads += 2)
        {
            using var parallel = new ParallelBlockExecutor(ForkSpec.Prague,
                new ParallelExecutorOptions { Threads = threads, MinParallelBatch = 1, AbortRateFallback = double.PositiveInfinity, RepeatedSenderFallback = double.PositiveInfinity });
            ResultAssert.Equal(expected, parallel.Execute(w.CreatePreState(), w.Block, txs), w.CreatePreState, $"{kind} hot {hot} threads {threads}");
        }
    }

    [Fact]
    public void AmmSwapFollowsConstantProduct()
    {
        var w = new ExecutionWorkload(new WorkloadOptions(WorkloadKind.Swap, 4, Seed: 9));
        InMemoryWorldState pre = w.CreatePreState();
        var seq = new SequentialBlockExecutor(ForkSpec.Prague);
        BlockExecutionResult r = seq.Execute(pre, w.Block, w.Blocks[0]);
        Tachyon.Core.Numerics.UInt256 reserve = pre.GetStorage(ExecutionWorkload.Amm, ConstantProductAmm.Reserve0Slot(1));
        for (int i = 0; i < 4; i++)
        {
            ExecutableTransaction tx = w.Blocks[0][i];
            var amountIn = Tachyon.Core.Numerics.UInt256.FromBigEndian(tx.Data.AsSpan(32, 32));
            var expectedOut = ConstantProductAmm.AmountOut(amountIn, reserve, reserve);
            Assert.Equal(expectedOut, Tachyon.Core.Numerics.UInt256.FromBigEndian(r.Transactions[i].Output));
            Assert.Single(r.Transactions[i].Logs);
        }
        // Zero input gives zero output: the swap reverts.
        var zero = EvmHarness.Tx(w.Blocks[0][0].Sender, 0, ExecutionWorkload.Amm, ConstantProductAmm.SwapData(1, 0, false), 100_000);
        TransactionResult z = new TransactionProcessor(ForkSpec.Prague).Execute(new ExecutionState(pre), w.Block, zero);
        Assert.True(z.IsValid, z.InvalidReason);
        Assert.Equal(Tachyon.Evm.Interpreter.EvmStatus.Revert, z.Status);
    }
}
