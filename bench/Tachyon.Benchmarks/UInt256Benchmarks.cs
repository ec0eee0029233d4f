using System.Numerics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
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

    /// <summary>Replaces A and B by their residues mod M (operands of modular arithmetic are usually reduced).</summary>
    protected void ReduceOperands()
    {
        for (int i = 0; i < N; i++)
        {
            A[i] = A[i] % M[i];
            B[i] = B[i] % M[i];
            BigA[i] = (BigInteger)A[i];
            BigB[i] = (BigInteger)B[i];
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

/// <summary>
/// DIV by dividend/divisor width in bits. Full-width random operands (256/256: the quotient is a single
/// digit, often 0 or 1) and the shapes EVM code produces: wide values divided by a 128- or 64-bit amount,
/// by a 60-bit constant such as 10^18, 128-bit operands, a dividend below the divisor, and a
/// power-of-two divisor (2^k for random k: fixed-point scales such as 2^96 or 2^128).
/// </summary>
[MemoryDiagnoser]
public class UInt256DivBenchmarks : UInt256BenchmarkBase
{
    [Params("256/256", "256/192", "256/128", "256/64", "256/60", "128/64", "128/128", "64/256", "256/2^k")]
    public string Widths { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        int slash = Widths.IndexOf('/');
        if (Widths.EndsWith("2^k"))
        {
            // Power-of-two divisors (fixed-point scales): 2^k for random k in [1, 255].
            Fill(int.Parse(Widths[..slash]), 1, 1);
            var rng = new Random(54321);
            for (int i = 0; i < N; i++)
            {
                B[i] = UInt256.One << rng.Next(1, 256);
                BigB[i] = (BigInteger)B[i];
            }
            return;
        }
        Fill(int.Parse(Widths[..slash]), int.Parse(Widths[(slash + 1)..]), 1);
    }

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

/// <summary>MOD: the same code path as DIV, measured on the two most common divisor widths.</summary>
[MemoryDiagnoser]
public class UInt256ModBenchmarks : UInt256BenchmarkBase
{
    [Params(128, 64)]
    public int DivisorBits { get; set; }

    [GlobalSetup]
    public void Setup() => Fill(256, DivisorBits, 1);

    [Benchmark(Baseline = true, OperationsPerInvoke = N, Description = "BigInteger.Remainder")]
    public BigInteger BigIntegerMod()
    {
        BigInteger acc = default;
        for (int i = 0; i < N; i++) acc = BigInteger.Remainder(BigA[i], BigB[i]);
        return acc;
    }

    [Benchmark(OperationsPerInvoke = N, Description = "UInt256.Mod")]
    public ulong UInt256Mod()
    {
        ulong acc = 0;
        for (int i = 0; i < N; i++)
        {
            UInt256.Mod(in A[i], in B[i], out UInt256 r);
            acc ^= r.U0 ^ r.U1;
        }
        return acc;
    }
}

/// <summary>
/// SDIV and SMOD on random signs: 256-bit two's complement dividends, 128-bit-magnitude divisors. The
/// baseline works on signed BigIntegers and wraps the result to 256 bits, which is what the EVM returns.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class UInt256SignedDivBenchmarks : UInt256BenchmarkBase
{
    private readonly BigInteger[] _sa = new BigInteger[N], _sb = new BigInteger[N];

    [GlobalSetup]
    public void Setup()
    {
        Fill(256, 128, 1);
        var rng = new Random(54321);
        for (int i = 0; i < N; i++)
        {
            // A: random sign (top bit); B: a 128-bit magnitude, negated half the time.
            if (rng.Next(2) == 0) A[i] = A[i] & (UInt256.MaxValue >> 1);
            if (rng.Next(2) == 0) B[i] = UInt256.Zero - B[i];
            _sa[i] = Signed(A[i]);
            _sb[i] = Signed(B[i]);
        }
    }

    private static BigInteger Signed(UInt256 x)
    {
        var v = (BigInteger)x;
        return x.IsNegative ? v - TwoPow256 : v;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = N, Description = "BigInteger SDIV"), BenchmarkCategory("SDIV")]
    public BigInteger BigIntegerSDiv()
    {
        BigInteger acc = default;
        for (int i = 0; i < N; i++) acc = BigInteger.Divide(_sa[i], _sb[i]) & Mask256;
        return acc;
    }

    [Benchmark(OperationsPerInvoke = N, Description = "UInt256.SignedDivide"), BenchmarkCategory("SDIV")]
    public ulong UInt256SDiv()
    {
        ulong acc = 0;
        for (int i = 0; i < N; i++)
        {
            UInt256.SignedDivide(in A[i], in B[i], out UInt256 r);
            acc ^= r.U0 ^ r.U3;
        }
        return acc;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = N, Description = "BigInteger SMOD"), BenchmarkCategory("SMOD")]
    public BigInteger BigIntegerSMod()
    {
        BigInteger acc = default;
        for (int i = 0; i < N; i++) acc = BigInteger.Remainder(_sa[i], _sb[i]) & Mask256;
        return acc;
    }

    [Benchmark(OperationsPerInvoke = N, Description = "UInt256.SignedMod"), BenchmarkCategory("SMOD")]
    public ulong UInt256SMod()
    {
        ulong acc = 0;
        for (int i = 0; i < N; i++)
        {
            UInt256.SignedMod(in A[i], in B[i], out UInt256 r);
            acc ^= r.U0 ^ r.U3;
        }
        return acc;
    }
}

/// <summary>ADDMOD: operands already reduced below a full-width modulus (the usual case) and unreduced ones.</summary>
[MemoryDiagnoser]
public class UInt256AddModBenchmarks : UInt256BenchmarkBase
{
    [Params("reduced", "unreduced")]
    public string Operands { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        Fill(256, 256, 256);
        if (Operands == "reduced") ReduceOperands();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = N, Description = "BigInteger (a+b) % m")]
    public BigInteger BigIntegerAddMod()
    {
        BigInteger acc = default;
        for (int i = 0; i < N; i++) acc = (BigA[i] + BigB[i]) % BigM[i];
        return acc;
    }

    [Benchmark(OperationsPerInvoke = N, Description = "UInt256.AddMod")]
    public ulong UInt256AddMod()
    {
        ulong acc = 0;
        for (int i = 0; i < N; i++)
        {
            UInt256.AddMod(in A[i], in B[i], in M[i], out UInt256 r);
            acc ^= r.U0 ^ r.U3;
        }
        return acc;
    }
}

/// <summary>
/// MULMOD by factor and modulus width: full 512-bit products reduced by moduli of 4, 2 and 1 limbs, factors
/// already reduced below a full-width modulus (modular-arithmetic code), and 128-bit factors (amounts,
/// prices, fixed-point values) with a full-width modulus.
/// </summary>
[MemoryDiagnoser]
public class UInt256MulModBenchmarks : UInt256BenchmarkBase
{
    /// <summary>a-bits*b-bits%m-bits; "reduced" first reduces the factors below m.</summary>
    [Params("256*256%256", "reduced 256*256%256", "256*256%128", "256*256%64", "128*128%256")]
    public string Widths { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        string[] parts = Widths.Replace("reduced ", "").Split('*', '%');
        Fill(int.Parse(parts[0]), int.Parse(parts[1]), int.Parse(parts[2]));
        if (Widths.StartsWith("reduced", StringComparison.Ordinal)) ReduceOperands();
    }

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
