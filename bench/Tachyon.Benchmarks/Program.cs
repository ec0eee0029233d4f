using BenchmarkDotNet.Running;

namespace Tachyon.Benchmarks;

/// <summary>Entry point: `dotnet run -c Release --project bench/Tachyon.Benchmarks -- --filter '*Keccak*'`.</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
