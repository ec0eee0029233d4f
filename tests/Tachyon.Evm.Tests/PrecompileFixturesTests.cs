using Tachyon.Core.Tests.Infrastructure;
using Tachyon.Core.Types;
using Tachyon.Evm.StateTests;
using Xunit.Abstractions;

namespace Tachyon.Evm.Tests;

/// <summary>
/// Runs our own precompile state tests (tests/fixtures/precompiles, generated from @noble/curves and
/// the EIP gas formulas by tests/differential/gen-precompile-fixtures.mjs) through the statetest
/// runner: every precompile called through the EVM, checking its output and the gas it consumed.
/// </summary>
public class PrecompileFixturesTests(ITestOutputHelper output)
{
    private static string FixtureDir => Path.Combine(Fixtures.RepoRoot, "tests", "fixtures", "precompiles");

    [Fact]
    public void AllPrecompileFixturesPass()
    {
        List<StateTestCaseResult> results = StateTestRunner.Run([FixtureDir], new StateTestOptions());

        var perFile = new SortedDictionary<string, (int Passed, int Failed)>(StringComparer.Ordinal);
        var failures = new List<string>();
        foreach (StateTestCaseResult r in results)
        {
            string name = Path.GetFileNameWithoutExtension(r.File) + " (" + r.Fork + ")";
            (int p, int f) = perFile.GetValueOrDefault(name);
            perFile[name] = r.Passed ? (p + 1, f) : (p, f + 1);
            if (!r.Passed) failures.Add(StateTestRunner.FormatFailure(r));
        }
        foreach ((string name, (int p, int f)) in perFile) output.WriteLine($"{name}: {p} passed, {f} failed");
        string summary = $"precompile fixtures: {results.Count - failures.Count} passed, {failures.Count} failed";
        output.WriteLine(summary);
        Console.WriteLine(summary);
        foreach (string f in failures) output.WriteLine(f);

        // Every precompile from 0x0b to 0x11 and P256VERIFY has a fixture file that ran.
        foreach (string file in (string[])["bls12_g1add", "bls12_g1msm", "bls12_g2add", "bls12_g2msm", "bls12_pairing_check",
                     "bls12_map_fp_to_g1", "bls12_map_fp2_to_g2", "p256verify"])
            Assert.Contains(results, r => Path.GetFileNameWithoutExtension(r.File) == file);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void TheStatetestCommandPassesThem()
    {
        var stdout = new StringWriter();
        int rc = StateTestRunner.Main([FixtureDir], stdout, new StringWriter());
        Assert.True(rc == 0, stdout.ToString());
        Assert.Matches(@"^\d+ passed, 0 failed$", stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1].TrimEnd('\r'));
    }

    [Fact]
    public void TachyonL2IsPragueWithP256Verify()
    {
        Assert.Same(ForkSpec.TachyonL2, ForkSpec.ByName("TachyonL2"));
        Address p256 = Address.Parse("0x0000000000000000000000000000000000000100");
        Assert.True(ForkSpec.TachyonL2.Precompiles.TryGet(p256, out _));
        Assert.False(ForkSpec.Prague.Precompiles.TryGet(p256, out _));
        Assert.Equal(ForkSpec.Prague.Precompiles.Addresses.Count + 1, ForkSpec.TachyonL2.Precompiles.Addresses.Count);
    }
}
