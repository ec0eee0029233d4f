using Tachyon.Evm;
using Tachyon.Evm.Processing;

namespace Tachyon.Execution.Tests;

/// <summary>Block-STM against the sequential executor on random blocks: identical results and state root, always.</summary>
public class DeterminismTests
{
    private static readonly RandomBlock Gen = new();

    public static TheoryData<double> Contentions => new() { 0.0, 0.1, 0.5, 1.0 };

    [Theory]
    [MemberData(nameof(Contentions))]
    public void RandomBlocksMatchSequential(double contention)
    {
        var sequential = new SequentialBlockExecutor(ForkSpec.Prague);
        int parallelRuns = 0;
        foreach (int threads in (int[])[1, 2, 3, 4, 8])
        {
            // No fallback: the engine itself must get every block right, however contended.
            using var parallel = new ParallelBlockExecutor(ForkSpec.Prague,
                new ParallelExecutorOptions { Threads = threads, MinParallelBatch = 1, AbortRateFallback = double.PositiveInfinity, RepeatedSenderFallback = double.PositiveInfinity });
            for (int seed = 1; seed <= 25; seed++)
            {
                List<ExecutableTransaction> txs = Gen.Generate(seed * 1000 + (int)(contention * 100), 100, contention);
                BlockExecutionResult expected = sequential.Execute(Gen.PreState(), Gen.Block, txs);
                BlockExecutionResult actual = parallel.Execute(Gen.PreState(), Gen.Block, txs);
                Assert.False(actual.RanSequentially);
                parallelRuns++;
                ResultAssert.Equal(expected, actual, Gen.PreState, $"contention {contention}, threads {threads}, seed {seed}");
            }
        }
        Assert.Equal(125, parallelRuns);
    }

    [Fact]
    public void GeneratorCoversTheInterestingOutcomes()
    {
        // Guards against a generator that silently stops producing what the tests claim to cover.
        var sequential = new SequentialBlockExecutor(ForkSpec.Prague);
        var statuses = new HashSet<Tachyon.Evm.Interpreter.EvmStatus>();
        int invalid = 0, creates = 0, logs = 0;
        for (int seed = 1; seed <= 6; seed++)
        {
            BlockExecutionResult r = sequential.Execute(Gen.PreState(), Gen.Block, Gen.Generate(seed, 80, 0.1));
            foreach (TransactionResult t in r.Transactions)
            {
                if (!t.IsValid) { invalid++; continue; }
                statuses.Add(t.Status);
                if (t.ContractAddress != null) creates++;
                logs += t.Logs.Count;
            }
        }
        Assert.Contains(Tachyon.Evm.Interpreter.EvmStatus.Success, statuses);
        Assert.Contains(Tachyon.Evm.Interpreter.EvmStatus.Revert, statuses);
        Assert.Contains(Tachyon.Evm.Interpreter.EvmStatus.OutOfGas, statuses);
        Assert.True(invalid > 0 && creates > 0 && logs > 0, $"invalid {invalid}, creates {creates}, logs {logs}");
    }

    [Fact]
    public void FallbacksGiveTheSameResult()
    {
        var sequential = new SequentialBlockExecutor(ForkSpec.Prague);
        List<ExecutableTransaction> txs = Gen.Generate(77, 60, 1.0);
        BlockExecutionResult expected = sequential.Execute(Gen.PreState(), Gen.Block, txs);

        // Abort-rate fallback: fully contended block with a low threshold.
        using var eager = new ParallelBlockExecutor(ForkSpec.Prague,
            new ParallelExecutorOptions { Threads = 4, MinParallelBatch = 1, AbortRateFallback = 0.01, MinAbortsBeforeFallback = 1, RepeatedSenderFallback = double.PositiveInfinity });
        BlockExecutionResult e = eager.Execute(Gen.PreState(), Gen.Block, txs);
        // Whether an abort happens (and so the fallback) depends on thread timing; the result may not.
        Assert.True(!e.RanSequentially || e.Aborts > 0);
        ResultAssert.Equal(expected, e, Gen.PreState, "abort fallback");

        // Nonce chains: mostly one sender.
        using var chains = new ParallelBlockExecutor(ForkSpec.Prague, new ParallelExecutorOptions { Threads = 2, MinParallelBatch = 1 });
        BlockExecutionResult c = chains.Execute(Gen.PreState(), Gen.Block, txs);
        Assert.True(c.RanSequentially);
        ResultAssert.Equal(expected, c, Gen.PreState, "nonce chains");

        // Tiny batch.
        using var tiny = new ParallelBlockExecutor(ForkSpec.Prague, new ParallelExecutorOptions { Threads = 2, MinParallelBatch = 1000 });
        BlockExecutionResult t = tiny.Execute(Gen.PreState(), Gen.Block, txs);
        Assert.True(t.RanSequentially);
        ResultAssert.Equal(expected, t, Gen.PreState, "tiny batch");
    }

    [Fact]
    public void BlockGasLimitIsEnforcedInOrder()
    {
        // Gas limits that do not all fit: later transactions must be rejected exactly as sequentially.
        var small = new Tachyon.Evm.Interpreter.BlockEnvironment { Coinbase = RandomBlock.Coinbase, Number = 5, Timestamp = 100, GasLimit = 1_000_000, BaseFee = 7, ChainId = 1 };
        List<ExecutableTransaction> txs = Gen.Generate(5, 40, 0.1);
        BlockExecutionResult expected = new SequentialBlockExecutor(ForkSpec.Prague).Execute(Gen.PreState(), small, txs);
        Assert.Contains(expected.Transactions, r => r.InvalidReason == "TransactionException.GAS_ALLOWANCE_EXCEEDED");
        using var parallel = new ParallelBlockExecutor(ForkSpec.Prague, new ParallelExecutorOptions { Threads = 2, MinParallelBatch = 1 });
        ResultAssert.Equal(expected, parallel.Execute(Gen.PreState(), small, txs), Gen.PreState, "gas limit");
    }

    [Fact]
    public void CoinbaseFeesAreLazyCredits()
    {
        // Independent transfers that all pay the coinbase: with lazy credits nothing conflicts.
        List<ExecutableTransaction> txs = [];
        for (int i = 0; i < Gen.Senders.Length; i++)
            txs.Add(new ExecutableTransaction
            {
                Type = 2, Sender = Gen.Senders[i], Nonce = 0, To = RandomBlock.Addr(0x90000 + (ulong)i), GasLimit = 21_000, Value = 1,
                MaxFeePerGas = 20, MaxPriorityFeePerGas = 2,
            });
        using var parallel = new ParallelBlockExecutor(ForkSpec.Prague,
            new ParallelExecutorOptions { Threads = 4, MinParallelBatch = 1, AbortRateFallback = double.PositiveInfinity, RepeatedSenderFallback = double.PositiveInfinity });
        BlockExecutionResult r = parallel.Execute(Gen.PreState(), Gen.Block, txs);
        Assert.Equal(0, r.Aborts);
        foreach (TransactionResult t in r.Transactions)
            Assert.Contains(t.WriteSet!.Accounts, w => w.Address == RandomBlock.Coinbase && w.IsBalanceCredit);
        Assert.Equal(txs.Count, r.Executions);
        ResultAssert.Equal(new SequentialBlockExecutor(ForkSpec.Prague).Execute(Gen.PreState(), Gen.Block, txs), r, Gen.PreState, "lazy fees");
    }
}
