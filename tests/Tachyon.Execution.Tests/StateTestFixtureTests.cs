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

        (List<StateTestCaseResult> results, int parallelRuns) = RunThroughParallelEngine(roots);

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

    /// <summary>
    /// Our own precompile state tests (tests/fixtures/precompiles: every precompile called through the
    /// EVM, output and gas checked) through the parallel engine, P256VERIFY under TachyonL2 included.
    /// </summary>
    [Fact]
    public void PrecompileFixturesPassThroughTheParallelEngine()
    {
        string dir = Path.Combine(Fixtures.RepoRoot, "tests", "fixtures", "precompiles");
        (List<StateTestCaseResult> results, int parallelRuns) = RunThroughParallelEngine([dir]);
        var failures = new List<string>();
        foreach (StateTestCaseResult r in results)
            if (!r.Passed) failures.Add(StateTestRunner.FormatFailure(r));
        int l2 = 0;
        foreach (StateTestCaseResult r in results) if (r.Fork == "TachyonL2") l2++;
        output.WriteLine($"{results.Count} precompile cases ({l2} TachyonL2), {results.Count - failures.Count} passed, {parallelRuns} through Block-STM");
        Assert.True(results.Count > 150, $"only {results.Count} cases");
        Assert.True(l2 > 0, "no TachyonL2 case ran");
        Assert.True(parallelRuns > results.Count / 2, $"only {parallelRuns} of {results.Count} ran in parallel");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }

    /// <summary>Runs the state tests under <paramref name="roots"/> with each case's transaction as a
    /// one-transaction batch on two workers; returns the results and how many ran through Block-STM.</summary>
    private static (List<StateTestCaseResult> Results, int ParallelRuns) RunThroughParallelEngine(List<string> roots)
    {
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
        return (results, parallelRuns);
    }
}
