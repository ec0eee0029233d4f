using BenchmarkDotNet.Attributes;
using Tachyon.Core.Types;
using Tachyon.Precompiles;

namespace Tachyon.Benchmarks;

/// <summary>
/// Time per call of each precompile on a typical input. Gas per call for the same inputs is printed at
/// setup (and is in the case name), so gas/µs = gas / mean.
/// </summary>
[MemoryDiagnoser]
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
    }

    [ParamsSource(nameof(Cases))]
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
