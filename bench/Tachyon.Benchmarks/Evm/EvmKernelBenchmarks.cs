using BenchmarkDotNet.Attributes;
using Tachyon.Workloads.Contracts;
using Tachyon.Core.Numerics;

namespace Tachyon.Benchmarks.Evm;

/// <summary>
/// Base for a compute kernel run as one call through TransactionProcessor (not committed, so it repeats from
/// the same state). The baseline is the same kernel in plain C# (UInt256 / Keccak256 calls), so Ratio is the
/// interpreter's overhead over native code, not a comparison with another EVM.
/// </summary>
[Config(typeof(GasConfig))]
public abstract class EvmKernelBenchmark : IGasMetered
{
    private EvmHarness _harness = null!;
    private byte[] _input = [];
    private long _gas;

    protected abstract byte[] Code();
    protected abstract byte[] Input();
    /// <summary>The native kernel's result, which the contract's output must equal.</summary>
    protected abstract byte[] NativeResult();

    [GlobalSetup]
    public void Setup()
    {
        _harness = new EvmHarness(Code());
        _input = Input();
        byte[] output = _harness.CallOk(_input, out _gas);
        byte[] expected = NativeResult();
        if (!output.AsSpan().SequenceEqual(expected))
            throw new InvalidOperationException($"{GetType().Name}: contract output {Convert.ToHexString(output)} != native {Convert.ToHexString(expected)}");
        _harness.CallOk(_input, out long again);
        if (again != _gas) throw new InvalidOperationException($"gas not deterministic: {_gas} then {again}");
    }

    [Benchmark(Baseline = true)]
    public byte[] Native() => NativeResult();

    [Benchmark]
    public long Evm()
    {
        var r = _harness.Call(_input);
        if (r.GasUsed != _gas) throw new InvalidOperationException("gas changed");
        return r.GasUsed;
    }

    public long? GasPerOperation(string method) => method == nameof(Evm) ? _gas : null;
}

public class EvmKeccakLoopBenchmarks : EvmKernelBenchmark
{
    private const int N = 20_000;

    [Params(32, 64)]
    public int Size { get; set; }

    protected override byte[] Code() => KeccakLoop.Code(Size);
    protected override byte[] Input() => EvmHarness.Word(N);
    protected override byte[] NativeResult() => KeccakLoop.Native(Size, N);
}

public class EvmArithmeticBenchmarks : EvmKernelBenchmark
{
    private const ulong N = 50_000;
    private static readonly UInt256 X0 = UInt256.Parse("0x123456789abcdef0fedcba9876543210");

    protected override byte[] Code() => ArithmeticLoop.Code();
    protected override byte[] Input() => ArithmeticLoop.Input(N, X0);

    protected override byte[] NativeResult()
    {
        var (acc, x) = ArithmeticLoop.Native(N, X0);
        byte[] output = new byte[64];
        acc.WriteBigEndian(output.AsSpan(0, 32));
        x.WriteBigEndian(output.AsSpan(32, 32));
        return output;
    }
}

public class EvmMemoryCopyBenchmarks : EvmKernelBenchmark
{
    private const int Bytes = 4096;
    private const int N = 1_000;

    protected override byte[] Code() => MemoryCopyLoop.Code(Bytes);
    protected override byte[] Input() => EvmHarness.Word(N);
    protected override byte[] NativeResult() => MemoryCopyLoop.Native(Bytes, N);
}

public class EvmSieveBenchmarks : EvmKernelBenchmark
{
    private const ulong Below = 100_000;

    protected override byte[] Code() => Sieve.Code();
    protected override byte[] Input() => EvmHarness.Word(Below);
    protected override byte[] NativeResult() => EvmHarness.Word(Sieve.Native(Below));
}
