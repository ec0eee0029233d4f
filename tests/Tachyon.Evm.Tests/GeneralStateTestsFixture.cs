using System.Diagnostics;
using Tachyon.Core.Tests.Infrastructure;
using Tachyon.Evm.StateTests;
using Xunit.Abstractions;

namespace Tachyon.Evm.Tests;

/// <summary>
/// Runs the official state tests (ethereum-tests GeneralStateTests + execution-spec-tests Prague
/// state tests) through the statetest runner, for Cancun and Prague. Fails on any failure that is
/// not listed, with a reason, in tests/known-failures/GeneralStateTests.txt.
/// </summary>
public class GeneralStateTestsFixture(ITestOutputHelper output)
{
    [Fact]
    public void AllStateTestsPass()
    {
        string[] roots =
        [
            Fixtures.Combine("ethereum-tests", "GeneralStateTests"),
            Fixtures.Combine("eest-prague", "state_tests"),
        ];
        foreach (string r in roots)
            Assert.True(Directory.Exists(r), $"missing fixtures: {r}");

        var sw = Stopwatch.StartNew();
        List<StateTestCaseResult> results = StateTestRunner.Run(roots, new StateTestOptions());
        sw.Stop();

        IReadOnlyDictionary<string, string> known = Fixtures.KnownFailures("GeneralStateTests");
        int passed = 0, knownFailed = 0;
        var unexpected = new List<string>();
        var failedIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (StateTestCaseResult r in results)
        {
            if (r.Passed) { passed++; continue; }
            string id = r.Id(Fixtures.Root);
            failedIds.Add(id);
            if (known.ContainsKey(id)) knownFailed++;
            else unexpected.Add($"{id}: {r.Message}");
        }
        int stale = known.Keys.Count(k => !failedIds.Contains(k));
        string summary = $"GeneralStateTests: {passed} passed, {unexpected.Count} failed, {knownFailed} known failures";
        output.WriteLine(summary);
        output.WriteLine($"({results.Count} cases in {sw.Elapsed.TotalSeconds:F1}s; {stale} known-failure entries now pass or are absent)");
        Console.WriteLine(summary);
        foreach (string u in unexpected.Take(200)) output.WriteLine("FAIL " + u);

        Assert.True(results.Count > 0, "no state-test cases found");
        Assert.True(unexpected.Count == 0, $"{unexpected.Count} unexpected state-test failures, first: {string.Join("\n", unexpected.Take(20))}");
    }
}
