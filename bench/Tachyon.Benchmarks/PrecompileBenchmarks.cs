using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Tachyon.Core.Types;
using Tachyon.Precompiles;
using Tachyon.Precompiles.Bls12381;
using Tachyon.Precompiles.P256;

namespace Tachyon.Benchmarks;

/// <summary>
/// Time per call of each precompile on a typical input, with the call's gas and gas/µs (Gas and
/// Gas/us columns; the gas is also in the case name).
/// </summary>
[MemoryDiagnoser]
[GasColumns]
public class PrecompileBenchmarks
{
    public sealed record Case(string Name, IPrecompile Precompile, byte[] Input)
    {
        public override string ToString() => $"{Name} {Precompile.RequiredGas(Input)}g"; // short: BenchmarkDotNet elides long values
    }

    private static readonly byte[] G1Gen = Word(1).Concat(Word(2)).ToArray();

    // EIP-197 generator of G2 (x.im, x.re, y.im, y.re) and its negation's y.
    private static readonly byte[] G2Gen = Hex.FromHex(
        "198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c2" +
        "1800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed" +
        "090689d0585ff075ec9e99ad690c3395bc4b313370b38ef355acdadcd122975b" +
        "12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7daa");

    // -G1 = (1, p - 2)
    private static readonly byte[] G1Neg = Word(1).Concat(Hex.FromHex("30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd45")).ToArray();

    public static IEnumerable<Case> Cases()
    {
        var rng = new Random(1);
        byte[] Rand(int n) { var b = new byte[n]; rng.NextBytes(b); return b; }

        yield return new Case("sha256-128B", new Sha256Precompile(), Rand(128));
        yield return new Case("ripemd-128B", new Ripemd160Precompile(), Rand(128));
        yield return new Case("identity-128B", new IdentityPrecompile(), Rand(128));

        // RSA-2048 verify style: e = 65537, 256-byte base and modulus.
        byte[] mod = Rand(256); mod[0] |= 0x80; mod[^1] |= 1;
        yield return new Case("modexp-rsa2048", new ModExpPrecompile(),
            [.. Word(256), .. Word(3), .. Word(256), .. Rand(256), 0x01, 0x00, 0x01, .. mod]);
        // 256-bit modulus, 256-bit exponent (e.g. field inversion by Fermat).
        byte[] mod32 = Rand(32); mod32[0] |= 0x80; mod32[^1] |= 1;
        yield return new Case("modexp-256b", new ModExpPrecompile(),
            [.. Word(32), .. Word(32), .. Word(32), .. Rand(32), .. Rand(32).Select((b, i) => i == 0 ? (byte)(b | 0x80) : b), .. mod32]);

        byte[] g2x = new Bn254MulPrecompile().TryRun([.. G1Gen, .. Word(2)], out byte[] twoG) ? twoG : [];
        yield return new Case("bn-add", new Bn254AddPrecompile(), [.. G1Gen, .. g2x]);
        yield return new Case("bn-mul", new Bn254MulPrecompile(), [.. twoG, .. Rand(32)]);
        yield return new Case("bn-pair2", new Bn254PairingPrecompile(), [.. G1Gen, .. G2Gen, .. G1Neg, .. G2Gen]);
        yield return new Case("bn-pair4", new Bn254PairingPrecompile(),
            [.. G1Gen, .. G2Gen, .. G1Neg, .. G2Gen, .. G1Gen, .. G2Gen, .. G1Neg, .. G2Gen]);

        byte[] blake = new byte[213];
        blake[3] = 12;
        rng.NextBytes(blake.AsSpan(4, 208));
        blake[212] = 1;
        yield return new Case("blake2f-12r", new Blake2FPrecompile(), blake);
        byte[] blake1200 = (byte[])blake.Clone();
        blake1200[2] = 0x04; blake1200[3] = 0xb0; // 1200 rounds
        yield return new Case("blake2f-1200r", new Blake2FPrecompile(), blake1200);

        // EIP-2537 BLS12-381 (0x0b..0x11): subgroup points made from the generators.
        byte[] Scalar() => Rand(32);
        byte[] G1P(int k) => Eip2537Codec.EncodeG1(JacobianPoint<Fp>.Multiply(G1.Generator.ToJacobian(), Word(k)).ToAffine());
        byte[] G2P(int k) => Eip2537Codec.EncodeG2(JacobianPoint<Fp2>.Multiply(G2.Generator.ToJacobian(), Word(k)).ToAffine());
        byte[] Msm(Func<int, byte[]> point, int k) => [.. Enumerable.Range(0, k).SelectMany(i => point(1000 + i).Concat(Scalar()))];
        yield return new Case("bls-g1add", G1AddPrecompile.Instance, [.. G1P(3), .. G1P(5)]);
        yield return new Case("bls-g1msm1", G1MsmPrecompile.Instance, Msm(G1P, 1));
        yield return new Case("bls-g1msm16", G1MsmPrecompile.Instance, Msm(G1P, 16));
        yield return new Case("bls-g2add", G2AddPrecompile.Instance, [.. G2P(3), .. G2P(5)]);
        yield return new Case("bls-g2msm1", G2MsmPrecompile.Instance, Msm(G2P, 1));
        yield return new Case("bls-g2msm16", G2MsmPrecompile.Instance, Msm(G2P, 16));
        // e(3·G1, 5·G2) · e(-15·G1, G2) = 1
        byte[] minus15 = Eip2537Codec.EncodeG1(JacobianPoint<Fp>.Multiply(G1.Generator.ToJacobian(), Word(15)).ToAffine().Negate());
        yield return new Case("bls-pair2", PairingCheckPrecompile.Instance, [.. G1P(3), .. G2P(5), .. minus15, .. G2P(1)]);
        byte[] fp = [.. new byte[16], .. Rand(48)]; fp[16] &= 0x0f;
        yield return new Case("bls-mapg1", MapFpToG1Precompile.Instance, fp);
        byte[] fp2 = [.. fp, .. fp]; fp2[^1] ^= 1;
        yield return new Case("bls-mapg2", MapFp2ToG2Precompile.Instance, fp2);

        // RIP-7212 P256VERIFY (0x100): a valid signature (the expensive path).
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        byte[] hash = Rand(32);
        ECParameters pub = key.ExportParameters(false);
        yield return new Case("p256verify", P256VerifyPrecompile.Instance,
            [.. hash, .. key.SignHash(hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation), .. pub.Q.X!, .. pub.Q.Y!]);
    }

    // TACHYON_BENCH_CASE=name runs one case: --filter selects methods, not parameter values.
    public static IEnumerable<Case> SelectedCases() =>
        Environment.GetEnvironmentVariable("TACHYON_BENCH_CASE") is { Length: > 0 } only
            ? Cases().Where(c => c.Name == only)
            : Cases();

    [ParamsSource(nameof(SelectedCases))]
    public Case C { get; set; } = null!;

    [GlobalSetup]
    public void Setup()
    {
        if (!C.Precompile.TryRun(C.Input, out _)) throw new InvalidOperationException($"{C.Name}: input is invalid");
    }

    [Benchmark]
    public byte[] Run()
    {
        C.Precompile.TryRun(C.Input, out byte[] output);
        return output;
    }

    private static byte[] Word(int v)
    {
        var w = new byte[32];
        w[28] = (byte)(v >> 24); w[29] = (byte)(v >> 16); w[30] = (byte)(v >> 8); w[31] = (byte)v;
        return w;
    }
}

/// <summary>Adds Gas (per call) and Gas/us (gas per microsecond of mean time) for <see cref="PrecompileBenchmarks"/>.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class GasColumnsAttribute : Attribute, BenchmarkDotNet.Configs.IConfigSource
{
    public BenchmarkDotNet.Configs.IConfig Config { get; } =
        BenchmarkDotNet.Configs.ManualConfig.CreateEmpty().AddColumn(new GasColumn(perMicrosecond: false), new GasColumn(perMicrosecond: true));
}

internal sealed class GasColumn(bool perMicrosecond) : IColumn
{
    public string Id => perMicrosecond ? "GasPerUs" : "Gas";
    public string ColumnName => perMicrosecond ? "Gas/us" : "Gas";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => perMicrosecond ? 1 : 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => perMicrosecond ? "Gas per microsecond of mean time" : "Gas charged per call";
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public bool IsAvailable(Summary summary) => true;
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        if (benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Value is PrecompileBenchmarks.Case)?.Value is not PrecompileBenchmarks.Case c)
            return "-";
        long gas = c.Precompile.RequiredGas(c.Input);
        if (!perMicrosecond) return gas.ToString();
        double? meanNs = summary[benchmarkCase]?.ResultStatistics?.Mean;
        return meanNs is > 0 ? (gas / (meanNs.Value / 1000)).ToString("F1") : "-";
    }
}
