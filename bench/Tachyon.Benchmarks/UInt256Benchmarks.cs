using System.Numerics;
using BenchmarkDotNet.Attributes;
using Tachyon.Core.Numerics;

namespace Tachyon.Benchmarks;

/// <summary>
/// Shared operand set: 64 random operands of the requested widths, as UInt256 and as BigInteger.
/// Every benchmark runs over all 64 (OperationsPerInvoke), so the timings are per operation and do
/// not hinge on one lucky value. The BigInteger baseline computes exactly the same EVM result.
/// </summary>
public abstract class UInt256BenchmarkBase
{
    protected const int N = 64;
    protected static readonly BigInteger TwoPow256 = BigInteger.One << 256;
    protected static readonly BigInteger Mask256 = TwoPow256 - 1;

    protected readonly UInt256[] A = new UInt256[N], B = new UInt256[N], M = new UInt256[N];
    protected readonly BigInteger[] BigA = new BigInteger[N], BigB = new BigInteger[N], BigM = new BigInteger[N];

    /// <summary>Fills the operand arrays with values of exactly the given bit widths (top bit set).</summary>
    protected void Fill(int aBits, int bBits, int mBits, bool oddB = false)
    {
        var rng = new Random(12345);
        for (int i = 0; i < N; i++)
        {
            A[i] = RandomOfWidth(rng, aBits);
            B[i] = RandomOfWidth(rng, bBits);
            if (oddB) B[i] = B[i] | UInt256.One;
            M[i] = RandomOfWidth(rng, mBits);
            BigA[i] = (BigInteger)A[i];
            BigB[i] = (BigInteger)B[i];
            BigM[i] = (BigInteger)M[i];
        }
    }

    private static UInt256 RandomOfWidth(Random rng, int bits)
    {
        Span<byte> bytes = stackalloc byte[32];
        rng.NextBytes(bytes);
        UInt256 v = UInt256.FromBigEndian(bytes) >> (256 - bits);
        return v | (UInt256.One << (bits - 1));
    }
}

[MemoryDiagnoser]
public class UInt256MulBenchmarks : UInt256BenchmarkBase
{
    [GlobalSetup]
    public void Setup() => Fill(256, 256, 256);

    [Benchmark(Baseline = true, OperationsPerInvoke = N, Description = "BigInteger (a*b) & (2^256-1)")]
    public BigInteger BigIntegerMul()
    {
        BigInteger acc = default;
        for (int i = 0; i < N; i++) acc = (BigA[i] * BigB[i]) & Mask256;
        return acc;
    }

    [Benchmark(OperationsPerInvoke = N, Description = "UInt256.Multiply")]
    public ulong UInt256Mul()
    {
        ulong acc = 0;
        for (int i = 0; i < N; i++)
        {
            UInt256.Multiply(in A[i], in B[i], out UInt256 r);
            acc ^= r.U0 ^ r.U3;
        }
        return acc;
    }
}

[MemoryDiagnoser]
public class UInt256DivBenchmarks : UInt256BenchmarkBase
{
    /// <summary>Divisor width: 256/128 exercises Knuth D with a two-limb divisor, 256/64 the single-limb path.</summary>
    [Params(128, 64)]
    public int DivisorBits { get; set; }

    [GlobalSetup]
    public void Setup() => Fill(256, DivisorBits, 256);

    [Benchmark(Baseline = true, OperationsPerInvoke = N, Description = "BigInteger.Divide")]
    public BigInteger BigIntegerDiv()
    {
        BigInteger acc = default;
        for (int i = 0; i < N; i++) acc = BigInteger.Divide(BigA[i], BigB[i]);
        return acc;
    }

    [Benchmark(OperationsPerInvoke = N, Description = "UInt256.Divide")]
    public ulong UInt256Div()
    {
        ulong acc = 0;
        for (int i = 0; i < N; i++)
        {
            UInt256.Divide(in A[i], in B[i], out UInt256 r);
            acc ^= r.U0 ^ r.U2;
        }
        return acc;
    }
}

[MemoryDiagnoser]
public class UInt256MulModBenchmarks : UInt256BenchmarkBase
{
    [GlobalSetup]
    public void Setup() => Fill(256, 256, 256);

    [Benchmark(Baseline = true, OperationsPerInvoke = N, Description = "BigInteger (a*b) % m")]
    public BigInteger BigIntegerMulMod()
    {
        BigInteger acc = default;
        for (int i = 0; i < N; i++) acc = BigA[i] * BigB[i] % BigM[i];
        return acc;
    }

    [Benchmark(OperationsPerInvoke = N, Description = "UInt256.MulMod")]
    public ulong UInt256MulMod()
    {
        ulong acc = 0;
        for (int i = 0; i < N; i++)
        {
            UInt256.MulMod(in A[i], in B[i], in M[i], out UInt256 r);
            acc ^= r.U0 ^ r.U3;
        }
        return acc;
    }
}

[MemoryDiagnoser]
public class UInt256ExpBenchmarks : UInt256BenchmarkBase
{
    // Full 256-bit odd bases (no even-base shortcut) and full 256-bit exponents.
    [GlobalSetup]
    public void Setup() => Fill(256, 256, 256, oddB: true);

    [Benchmark(Baseline = true, OperationsPerInvoke = N, Description = "BigInteger.ModPow(b, e, 2^256)")]
    public BigInteger BigIntegerExp()
    {
        BigInteger acc = default;
        for (int i = 0; i < N; i++) acc = BigInteger.ModPow(BigB[i], BigA[i], TwoPow256);
        return acc;
    }

    [Benchmark(OperationsPerInvoke = N, Description = "UInt256.Exp")]
    public ulong UInt256Exp()
    {
        ulong acc = 0;
        for (int i = 0; i < N; i++)
        {
            UInt256.Exp(in B[i], in A[i], out UInt256 r);
            acc ^= r.U0 ^ r.U3;
        }
        return acc;
    }
}
