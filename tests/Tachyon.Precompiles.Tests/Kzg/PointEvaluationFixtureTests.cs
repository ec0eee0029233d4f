using System.Text.Json;
using Tachyon.Core.Tests.Infrastructure;
using Tachyon.Core.Types;
using Tachyon.Precompiles.Kzg;
using Xunit.Abstractions;

namespace Tachyon.Precompiles.Tests.Kzg;

/// <summary>
/// Runs the precompile inputs of the execution-spec-tests EIP-4844 state tests directly. The
/// expected outcome comes from each case's name (the generated tests encode it there); cases
/// whose name does not say, such as the gas-limit ones, are skipped.
/// </summary>
public class PointEvaluationFixtureTests(ITestOutputHelper output)
{
    private static readonly string[] Files =
    [
        "point_evaluation_precompile_external_vectors.json",
        "valid_precompile_calls.json",
        "invalid_precompile_calls.json",
        "point_evaluation_precompile_calls.json",
        "point_evaluation_precompile_gas_usage.json",
    ];

    [Fact]
    public void FixtureInputsGiveTheExpectedOutcome()
    {
        string dir = Fixtures.Combine("ethereum-tests", "GeneralStateTests", "Pyspecs", "cancun", "eip4844_blobs");
        int checkedCases = 0, valid = 0;
        var failures = new List<string>();
        foreach (string file in Files)
        {
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, file)));
            foreach (JsonProperty test in doc.RootElement.EnumerateObject())
            {
                bool? expected = ExpectedOutcome(test.Name);
                if (expected is null) continue;
                foreach (JsonElement data in test.Value.GetProperty("transaction").GetProperty("data").EnumerateArray())
                {
                    byte[] input = Hex.FromHex(data.GetString()!);
                    bool ok = PointEvaluationPrecompile.Instance.TryRun(input, out byte[] result);
                    if (ok != expected) failures.Add($"{test.Name}: expected {expected}, got {ok}");
                    if (ok)
                    {
                        valid++;
                        Assert.Equal(
                            "0x0000000000000000000000000000000000000000000000000000000000001000" +
                            "73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001",
                            Hex.ToHex(result));
                    }
                    checkedCases++;
                }
            }
        }
        output.WriteLine($"point evaluation fixture inputs: {checkedCases} checked, {valid} valid, {failures.Count} failed");
        Assert.Empty(failures);
        Assert.True(checkedCases >= 150, $"only {checkedCases} cases found");
        Assert.True(valid >= 60);
    }

    private static bool? ExpectedOutcome(string name)
    {
        string id = name[(name.IndexOf('[') + 1)..];
        if (id.Contains("insufficient_gas", StringComparison.Ordinal) && !id.Contains("proof_", StringComparison.Ordinal)) return null;
        if (id.Contains("verify_kzg_proof_case_", StringComparison.Ordinal))
            return id.Contains("verify_kzg_proof_case_correct_proof", StringComparison.Ordinal);
        if (id.Contains("success_True", StringComparison.Ordinal)) return true;
        if (id.Contains("success_False", StringComparison.Ordinal)) return false;
        if (id.Contains("proof_correct", StringComparison.Ordinal)) return true;
        if (id.Contains("proof_incorrect", StringComparison.Ordinal)) return false;
        if (id.EndsWith("-correct]", StringComparison.Ordinal)) return true;
        if (id.EndsWith("-incorrect]", StringComparison.Ordinal)) return false;
        return null;
    }
}
