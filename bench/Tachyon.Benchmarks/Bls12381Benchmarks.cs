using BenchmarkDotNet.Attributes;
using Tachyon.Core.Types;
using Tachyon.Precompiles.Bls12381;
using Tachyon.Precompiles.Kzg;

namespace Tachyon.Benchmarks;

/// <summary>BLS12-381 pairing, the EIP-4844 point evaluation precompile and scalar multiplication.</summary>
[MemoryDiagnoser]
public class Bls12381Benchmarks
{
    // A valid opening from the go-kzg-4844 verify_kzg_proof vectors (execution-spec-tests, case correct_proof_1ce8e4f69d5df899).
    private static readonly byte[] PointEvaluationInput = Hex.FromHex(
        "01ad7666ef9d8f53b5adf54f029b13b6f171b1d0bd346a2ede315d3e243484ef" +
        "73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000000" +
        "0000000000000000000000000000000000000000000000000000000000000000" +
        "93efc82d2017e9c57834a1246463e64774e56183bb247c8fc9dd98c56817e878d97b05f5c8d900acf1fbbbca6f14655692" +
        "c51ff81dd71dab71cefecd79e8274b4b7ba36a0f40e2dc086bc4061c7f63249877db23297212991fd63e07b7ebc348");

    private static readonly byte[] Scalar = Hex.FromHex("63eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff0000abcd");

    private AffinePoint<Fp>[] _g1 = [];
    private AffinePoint<Fp2>[] _g2 = [];
    private JacobianPoint<Fp> _p;
    private JacobianPoint<Fp2> _q;

    [GlobalSetup]
    public void Setup()
    {
        AffinePoint<Fp> p = JacobianPoint<Fp>.Multiply(G1.Generator.ToJacobian(), Scalar).ToAffine();
        AffinePoint<Fp2> q = G2.Generator;
        _g1 = [p, p.Negate()];
        _g2 = [q, q];
        _p = p.ToJacobian();
        _q = q.ToJacobian();
        if (!Pairing.PairingCheck(_g1, _g2) || !PointEvaluationPrecompile.Instance.TryRun(PointEvaluationInput, out _))
            throw new InvalidOperationException("benchmark inputs do not verify");
    }

    [Benchmark]
    public bool PairingCheck2Pairs() => Pairing.PairingCheck(_g1, _g2);

    [Benchmark]
    public bool PointEvaluation() => PointEvaluationPrecompile.Instance.TryRun(PointEvaluationInput, out _);

    [Benchmark]
    public JacobianPoint<Fp> G1ScalarMul() => JacobianPoint<Fp>.Multiply(_p, Scalar);

    [Benchmark]
    public JacobianPoint<Fp2> G2ScalarMul() => JacobianPoint<Fp2>.Multiply(_q, Scalar);
}
