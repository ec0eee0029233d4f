using System.Collections.Concurrent;
using Tachyon.Core.Tests.Infrastructure;
using Tachyon.Evm;
using Tachyon.Evm.Interpreter;
using Tachyon.Evm.Processing;
using Tachyon.Evm.State;
using Tachyon.Evm.StateTests;
using Xunit.Abstractions;

namespace Tachyon.Execution.Tests;

/// <summary>
/// Official state tests run through the parallel engine (a one-transaction batch on two workers,
/// so every read goes through the multi-version memory and the credit path) must reach the expected
/// post-state roots: every Cancun and Prague case under a set of directories that exercise creation,
/// self-destruct, reverts, storage, fees and EIP-7702.
/// </summary>
public class StateTestFixtureTests(ITestOutputHelper output)
{
    private static readonly string[] Directories =
    [
        "ethereum-tests/GeneralStateTests/stCreateTest",
        "ethereum-tests/GeneralStateTests/stRevertTest",
        "ethereum-tests/GeneralStateTests/stSStoreTest",
        "ethereum-tests/GeneralStateTests/stTransactionTest",
        "ethereum-tests/GeneralStateTests/stEIP1559",
        "ethereum-tests/GeneralStateTests/stZeroCallsTest",
        "ethereum-tests/GeneralStateTests/stEIP3607",
        "ethereum-tests/GeneralStateTests/Cancun/stEIP1153-transientStorage",
        "ethereum-tests/GeneralStateTests/Pyspecs/cancun",
        "eest-prague/state_tests/prague",
    ];

    [Fact]
    public void FixturesPassThroughTheParallelEngine()
    {
        var roots = new List<string>();
        foreach (string d in Directories)
        {
            string path = Fixtures.Combine(d.Split('/'));
            if (Directory.Exists(path)) roots.Add(path);
        }
        Assert.True(roots.Count == Directories.Length, "state-test fixtures missing under " + Fixtures.Root);

        var pools = new ConcurrentDictionary<string, ConcurrentBag<ParallelBlockExecutor>>();
        int parallelRuns = 0;
        TransactionResult Execute(ForkSpec spec, IWorldState world, BlockEnvironment block, ExecutableTransaction tx)
        {
            ConcurrentBag<ParallelBlockExecutor> bag = pools.GetOrAdd(spec.Name, _ => new());
            if (!bag.TryTake(out ParallelBlockExecutor? exec))
                exec = new ParallelBlockExecutor(spec, new ParallelExecutorOptions { Threads = 2, MinParallelBatch = 1 }, allowBlobTransactions: true);
            try
            {
                BlockExecutionResult r = exec.Execute(world, block, [tx]);
                if (!r.RanSequentially) Interlocked.Increment(ref parallelRuns);
                world.Commit(r.WriteSet);
                return r.Transactions[0];
            }
            finally
            {
                bag.Add(exec);
            }
        }

        List<StateTestCaseResult> results = StateTestRunner.Run(roots,
            new StateTestOptions { Executor = Execute, MaxParallelism = Environment.ProcessorCount });
        foreach (ConcurrentBag<ParallelBlockExecutor> bag in pools.Values)
            foreach (ParallelBlockExecutor e in bag) e.Dispose();

        IReadOnlyDictionary<string, string> known = Fixtures.KnownFailures("GeneralStateTests");
        var unexpected = new List<string>();
        int passed = 0;
        foreach (StateTestCaseResult r in results)
        {
            if (r.Passed) { passed++; continue; }
            if (!known.ContainsKey(r.Id(Fixtures.Root))) unexpected.Add($"{r.Id(Fixtures.Root)}: {r.Message}");
        }
        output.WriteLine($"{results.Count} cases, {passed} passed, {parallelRuns} through Block-STM, {unexpected.Count} unexpected failures");
        Assert.True(results.Count > 1000, $"only {results.Count} cases");
        Assert.True(parallelRuns > results.Count / 2, $"only {parallelRuns} of {results.Count} ran in parallel");
        Assert.True(unexpected.Count == 0, string.Join("\n", unexpected.Take(20)));
    }
}
