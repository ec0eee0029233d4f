using System.Collections.Concurrent;
using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Tachyon.Benchmarks.Evm;

/// <summary>A benchmark whose operations burn a known, deterministic amount of gas (measured and checked in GlobalSetup).</summary>
public interface IGasMetered
{
    /// <summary>Gas of one invocation of <paramref name="method"/> after GlobalSetup; null for non-EVM baselines.</summary>
    long? GasPerOperation(string method);
}

/// <summary>Adds "Gas/op" and "Mgas/s" (gas per op / mean time) to an <see cref="IGasMetered"/> benchmark.</summary>
public sealed class GasConfig : ManualConfig
{
    public GasConfig() => AddColumn(new GasColumn(throughput: false), new GasColumn(throughput: true));
}

/// <summary>
/// Benchmarks run in child processes, so the host re-creates the benchmark object (parameters set, GlobalSetup run)
/// once per case to learn its gas; the setup asserts that gas, so the number is the one the child burnt.
/// </summary>
public sealed class GasColumn(bool throughput) : IColumn
{
    private static readonly ConcurrentDictionary<BenchmarkCase, long?> Gas = new();

    public string Id => throughput ? "Mgas/s" : "Gas/op";
    public string ColumnName => Id;
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => throughput ? 1 : 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => throughput
        ? "Million gas per second: Gas/op divided by Mean (EVM methods only)"
        : "Gas used by one operation (transaction gas, including the 21000 intrinsic per transaction)";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public bool IsAvailable(Summary summary) => true;
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        long? gas = Gas.GetOrAdd(benchmarkCase, Measure);
        if (gas is null) return "-";
        if (!throughput) return gas.Value.ToString("N0", CultureInfo.InvariantCulture);
        double? meanNs = summary[benchmarkCase]?.ResultStatistics?.Mean;
        return meanNs is > 0 ? (gas.Value * 1e3 / meanNs.Value).ToString("N1", CultureInfo.InvariantCulture) : "?";
    }

    private static long? Measure(BenchmarkCase benchmarkCase)
    {
        var descriptor = benchmarkCase.Descriptor;
        if (Activator.CreateInstance(descriptor.Type) is not IGasMetered instance) return null;
        foreach (var p in benchmarkCase.Parameters.Items)
            descriptor.Type.GetProperty(p.Name)?.SetValue(instance, p.Value);
        descriptor.GlobalSetupMethod?.Invoke(instance, null);
        return instance.GasPerOperation(descriptor.WorkloadMethod.Name);
    }
}
