using Tachyon.Evm;
using Tachyon.Evm.Processing;
using Tachyon.Evm.State;

namespace Tachyon.Execution.Tests;

/// <summary>
/// The streaming engine (transactions appended while workers run, committed one at a time in order)
/// against the sequential executor on random blocks: every committed result, the merged write-set and
/// the state built by applying each commit's resolved writes in turn must equal sequential execution.
/// </summary>
public class StreamingTests
{
    private static readonly RandomBlock Gen = new();

    public static TheoryData<double> Contentions => new() { 0.0, 0.1, 0.5, 1.0 };

    [Theory]
    [MemberData(nameof(Contentions))]
    public void StreamsMatchSequential(double contention)
    {
        var sequential = new SequentialBlockExecutor(ForkSpec.Prague);
        foreach ((int threads, bool eager) in (ReadOnlySpan<(int, bool)>)[(1, true), (2, true), (4, true), (2, false), (4, false)])
        {
            // Without eager validation only the committer's check stands between a stale read and a commit.
            using var streaming = new StreamingExecutor(ForkSpec.Prague, threads, capacity: 128) { EagerValidation = eager };
            for (int seed = 1; seed <= 12; seed++)
            {
                List<ExecutableTransaction> txs = Gen.Generate(seed * 7919 + (int)(contention * 100), 100, contention);
                BlockExecutionResult expected = sequential.Execute(Gen.PreState(), Gen.Block, txs);
                string context = $"contention {contention}, threads {threads}, eager validation {eager}, seed {seed}";
                (BlockExecutionResult actual, InMemoryWorldState incremental) = Stream(streaming, txs, new Random(seed));
                ResultAssert.Equal(expected, actual, Gen.PreState, context);
                Assert.True(ResultAssert.Root(Gen.PreState, expected) == incremental.ComputeStateRoot(), context + ": state from per-commit writes");
            }
        }
    }

    [Fact]
    public void AStreamCanBeReopenedAndClosedEarly()
    {
        using var streaming = new StreamingExecutor(ForkSpec.Prague, 2, capacity: 64);
        List<ExecutableTransaction> txs = Gen.Generate(5, 40, 0.5);
        streaming.Open(Gen.PreState(), Gen.Block);
        for (int i = 0; i < 10; i++) streaming.Append(txs[i]);
        streaming.Close(); // nothing committed: dropped
        Assert.Equal(0, streaming.Committed);
        Assert.Throws<InvalidOperationException>(() => streaming.Append(txs[0]));

        var sequential = new SequentialBlockExecutor(ForkSpec.Prague);
        BlockExecutionResult expected = sequential.Execute(Gen.PreState(), Gen.Block, txs);
        (BlockExecutionResult again, _) = Stream(streaming, txs, new Random(1));
        ResultAssert.Equal(expected, again, Gen.PreState, "reopened");
    }

    [Fact]
    public void ExecuteAllMatchesSequential()
    {
        var sequential = new SequentialBlockExecutor(ForkSpec.Prague);
        using var streaming = new StreamingExecutor(ForkSpec.Prague, 3, capacity: 100);
        for (int seed = 1; seed <= 5; seed++)
        {
            List<ExecutableTransaction> txs = Gen.Generate(seed, 100, 0.3);
            ResultAssert.Equal(sequential.Execute(Gen.PreState(), Gen.Block, txs), streaming.ExecuteAll(Gen.PreState(), Gen.Block, txs), Gen.PreState, $"seed {seed}");
        }
        Assert.Throws<ArgumentException>(() => streaming.ExecuteAll(Gen.PreState(), Gen.Block, Gen.Generate(1, 101, 0)));
    }

    [Fact]
    public void AppendBeyondCapacityIsRefused()
    {
        using var streaming = new StreamingExecutor(ForkSpec.Prague, 1, capacity: 2);
        List<ExecutableTransaction> txs = Gen.Generate(9, 3, 0.0);
        streaming.Open(Gen.PreState(), Gen.Block);
        streaming.Append(txs[0]);
        streaming.Append(txs[1]);
        Assert.True(streaming.IsFull);
        Assert.Throws<InvalidOperationException>(() => streaming.Append(txs[2]));
        streaming.Close();
    }

    /// <summary>Appends in random chunks, committing whatever is ready between chunks, then drains.</summary>
    private static (BlockExecutionResult, InMemoryWorldState) Stream(StreamingExecutor streaming, List<ExecutableTransaction> txs, Random rng)
    {
        var signal = new SemaphoreSlim(0);
        streaming.Progress = () => signal.Release();
        InMemoryWorldState incremental = Gen.PreState();
        var results = new List<TransactionResult>();
        long gas = 0;
        void Commit()
        {
            while (streaming.TryCommitNext(out TransactionResult r, out StateWriteSet writes))
            {
                results.Add(r);
                if (r.IsValid) gas += r.GasUsed;
                incremental.Commit(writes);
            }
        }
        streaming.Open(Gen.PreState(), Gen.Block);
        int next = 0;
        while (next < txs.Count)
        {
            int chunk = Math.Min(txs.Count - next, rng.Next(1, 12));
            for (int i = 0; i < chunk; i++) streaming.Append(txs[next++]);
            if (rng.Next(3) == 0) Thread.SpinWait(rng.Next(1, 20_000)); // let workers get ahead sometimes
            Commit();
        }
        while (streaming.Committed < txs.Count)
        {
            Assert.False(streaming.Faulted);
            signal.Wait(5);
            Commit();
        }
        streaming.Close();
        var result = new BlockExecutionResult
        {
            Transactions = results.ToArray(), WriteSet = streaming.MergeCommitted(), GasUsed = gas,
            Executions = streaming.Executions, Aborts = streaming.Aborts,
        };
        return (result, incremental);
    }
}
