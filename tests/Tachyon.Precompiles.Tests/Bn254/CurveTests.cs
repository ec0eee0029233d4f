using System.Numerics;
using Tachyon.Core.Types;
using Tachyon.Precompiles.Bn254;

namespace Tachyon.Precompiles.Tests.Bn254;

public class CurveTests
{
    private static readonly BigInteger R = ReferenceG1.R;
    private readonly Bn254AddPrecompile _add = new();
    private readonly Bn254MulPrecompile _mul = new();

    private static BigInteger RandomScalar(Random rng, int bytes = 32)
    {
        var b = new byte[bytes];
        rng.NextBytes(b);
        return new BigInteger(b, isUnsigned: true);
    }

    private byte[] Add(byte[] input)
    {
        Assert.True(_add.TryRun(input, out byte[] output));
        return output;
    }

    private byte[] Mul(byte[] input)
    {
        Assert.True(_mul.TryRun(input, out byte[] output));
        return output;
    }

    [Fact]
    public void GeneratorDoublingMatchesKnownValue()
    {
        // 2·(1, 2), as listed in the EIP-196 test suite (cdetrio11).
        byte[] g = ReferenceG1.Encode((1, 2));
        string expected = "0x030644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd315ed738c0e0a7c92e7845f96b2ae9c0a68a6a449e3538fc7ff3ebf7a5a18a2c4";
        Assert.Equal(expected, Hex.ToHex(Add([.. g, .. g])));
        Assert.Equal(expected, Hex.ToHex(Mul([.. g, .. ReferenceG1.Word(2)])));
    }

    /// <summary>Known answers from the EIP-196 test suite (inputs and outputs as published with it).</summary>
    [Theory]
    [InlineData("18b18acfb4c2c30276db5411368e7185b311dd124691610c5d3b74034e093dc9063c909c4720840cb5134cb9f59fa749755796819658d32efc0d288198f3726607c2b7f58a84bd6145f00c9c2bc0bb1a187f20ff2c92963a88019e7c6a014eed06614e20c147e940f2d70da3f74c9a17df361706a4485c742bd6788478fa17d7",
        "2243525c5efd4b9c3d3c45ac0ca3fe4dd85e830a4ce6b65fa1eeaee202839703301d1d33be6da8e509df21cc35964723180eed7532537db9ae5e7d48f195c915")]
    [InlineData("2243525c5efd4b9c3d3c45ac0ca3fe4dd85e830a4ce6b65fa1eeaee202839703301d1d33be6da8e509df21cc35964723180eed7532537db9ae5e7d48f195c91518b18acfb4c2c30276db5411368e7185b311dd124691610c5d3b74034e093dc9063c909c4720840cb5134cb9f59fa749755796819658d32efc0d288198f37266",
        "2bd3e6d0f3b142924f5ca7b49ce5b9d54c4703d7ae5648e61d02268b1a0a9fb721611ce0a6af85915e2f1d70300909ce2e49dfad4a4619c8390cae66cefdb204")]
    [InlineData("17c139df0efee0f766bc0204762b774362e4ded88953a39ce849a8a7fa163fa901e0559bacb160664764a357af8a9fe70baa9258e0b959273ffc5718c6d4cc7c039730ea8dff1254c0fee9c0ea777d29a9c710b7e616683f194f18c43b43b869073a5ffcc6fc7a28c30723d6e58ce577356982d65b833a5a5c15bf9024b43d98",
        "15bf2bb17880144b5d1cd2b1f46eff9d617bffd1ca57c37fb5a49bd84e53cf66049c797f9ce0d17083deb32b5e36f2ea2a212ee036598dd7624c168993d1355f")]
    [InlineData("17c139df0efee0f766bc0204762b774362e4ded88953a39ce849a8a7fa163fa901e0559bacb160664764a357af8a9fe70baa9258e0b959273ffc5718c6d4cc7c17c139df0efee0f766bc0204762b774362e4ded88953a39ce849a8a7fa163fa92e83f8d734803fc370eba25ed1f6b8768bd6d83887b87165fc2434fe11a830cb00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
        "00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000")]
    public void AddKnownAnswers(string input, string expected) => Assert.Equal("0x" + expected, Hex.ToHex(Add(Hex.FromHex(input))));

    [Fact]
    public void AddMatchesReferenceOnRandomPoints()
    {
        var rng = new Random(10);
        (BigInteger, BigInteger)? g = (1, 2);
        for (int i = 0; i < 40; i++)
        {
            // 8-byte scalars keep the slow reference quick; the points are still spread over the group.
            var a = ReferenceG1.Mul(g, RandomScalar(rng, 8));
            var b = i % 5 == 0 ? a : i % 7 == 0 ? ReferenceG1.Mul(a, R - 1) : ReferenceG1.Mul(g, RandomScalar(rng, 8));
            byte[] expected = ReferenceG1.Encode(ReferenceG1.Add(a, b));
            Assert.Equal(expected, Add([.. ReferenceG1.Encode(a), .. ReferenceG1.Encode(b)]));
        }
    }

    [Fact]
    public void MulMatchesReferenceOnRandomScalars()
    {
        var rng = new Random(11);
        (BigInteger, BigInteger)? g = (1, 2);
        for (int i = 0; i < 20; i++)
        {
            var p = ReferenceG1.Mul(g, RandomScalar(rng, 8));
            BigInteger k = i switch { 0 => 0, 1 => 1, 2 => R - 1, 3 => R, 4 => R + 1, 5 => BigInteger.Pow(2, 256) - 1, _ => RandomScalar(rng, 1 + i % 32) };
            byte[] expected = ReferenceG1.Encode(ReferenceG1.Mul(p, k % R));
            Assert.Equal(expected, Mul([.. ReferenceG1.Encode(p), .. ReferenceG1.Word(k)]));
        }
    }

    [Fact]
    public void MulByGroupOrderIsInfinity()
    {
        byte[] g = ReferenceG1.Encode((1, 2));
        Assert.Equal(new byte[64], Mul([.. g, .. ReferenceG1.Word(R)]));
        Assert.Equal(ReferenceG1.Encode((1, ReferenceG1.P - 2)), Mul([.. g, .. ReferenceG1.Word(R - 1)]));
    }

    [Fact]
    public void PointPlusNegationIsInfinity()
    {
        byte[] input = [.. ReferenceG1.Encode((1, 2)), .. ReferenceG1.Encode((1, ReferenceG1.P - 2))];
        Assert.Equal(new byte[64], Add(input));
    }

    [Fact]
    public void InfinityIsTheIdentity()
    {
        byte[] g = ReferenceG1.Encode((1, 2));
        Assert.Equal(g, Add([.. g, .. new byte[64]]));
        Assert.Equal(g, Add([.. new byte[64], .. g]));
        Assert.Equal(new byte[64], Add([]));
        Assert.Equal(new byte[64], Mul([.. new byte[64], .. ReferenceG1.Word(5)]));
        Assert.Equal(new byte[64], Mul([.. g]));
    }

    [Fact]
    public void ShortInputIsRightPaddedAndLongInputTruncated()
    {
        byte[] g = ReferenceG1.Encode((1, 2));
        // (1, 2) + (0, 0): the second point given as nothing at all.
        Assert.Equal(g, Add(g));
        // Scalar 0x02 given as only its first byte means 0x0200..00.
        byte[] shortScalar = [.. g, 0x02];
        Assert.Equal(ReferenceG1.Encode(ReferenceG1.Mul((1, 2), BigInteger.Parse("2") << 248)), Mul(shortScalar));
        Assert.Equal(Add([.. g, .. g]), Add([.. g, .. g, .. Enumerable.Repeat((byte)0xab, 100)]));
    }

    [Fact]
    public void InvalidPointsFail()
    {
        byte[] notOnCurve = ReferenceG1.Encode((1, 3));
        byte[] g = ReferenceG1.Encode((1, 2));
        Assert.False(_add.TryRun([.. notOnCurve, .. g], out _));
        Assert.False(_add.TryRun([.. g, .. notOnCurve], out _));
        Assert.False(_mul.TryRun([.. notOnCurve, .. ReferenceG1.Word(0)], out _));
        // A coordinate ≥ p fails even if it reduces to a curve point: (1, 2 + p).
        byte[] unreduced = [.. ReferenceG1.Word(1), .. ReferenceG1.Word(2 + ReferenceG1.P)];
        Assert.False(_add.TryRun([.. unreduced, .. g], out _));
        Assert.False(_mul.TryRun([.. unreduced, .. ReferenceG1.Word(1)], out _));
    }

    [Fact]
    public void G2GeneratorIsInSubgroupAndRandomTwistPointsAreNot()
    {
        Assert.True(G2Affine.Generator.IsOnCurve);
        Assert.True(G2Affine.Generator.IsInSubgroup);
        Assert.True(Same(G2Jacobian.Multiply(G2Affine.Generator, R - 1).ToAffine(), G2Affine.Generator.Negate()));

        // Find a point on the twist by trying x = 1, 2, ... with a square root of x³ + b'.
        int found = 0;
        for (int x = 1; found < 3 && x < 100; x++)
        {
            var px = new Fp2(Fp.FromUInt((ulong)x), Fp.One);
            Fp2 rhs = px.Square() * px + G2Affine.B;
            if (!TrySqrt(rhs, out Fp2 y)) continue;
            var q = new G2Affine(px, y);
            Assert.True(q.IsOnCurve);
            Assert.False(q.IsInSubgroup);
            found++;
        }
        Assert.Equal(3, found);
    }

    /// <summary>The ψ-based subgroup test agrees with the definition [r]Q = O, on subgroup points, on random
    /// twist points, on cofactor-cleared points and on subgroup points shifted by a non-subgroup point.</summary>
    [Fact]
    public void SubgroupCheckAgreesWithOrderCheck()
    {
        BigInteger cofactor = 2 * ReferenceG1.P - R; // #E'(F_p2) = r·(2p - r)
        var rng = new Random(12);
        int checkedPoints = 0;
        for (int x = 1; checkedPoints < 6 && x < 200; x++)
        {
            var px = new Fp2(Fp.FromUInt((ulong)x), Fp.FromUInt((ulong)rng.Next()));
            if (!TrySqrt(px.Square() * px + G2Affine.B, out Fp2 y)) continue;
            var q = new G2Affine(px, y);
            G2Affine cleared = G2Jacobian.Multiply(q, cofactor).ToAffine();
            G2Affine shifted = G2Jacobian.Multiply(G2Affine.Generator, x).AddMixed(q).ToAffine();
            foreach (G2Affine t in new[] { q, cleared, shifted, G2Jacobian.Multiply(G2Affine.Generator, RandomScalar(rng)).ToAffine() })
            {
                Assert.True(t.IsOnCurve);
                Assert.Equal(G2Jacobian.Multiply(t, R).IsInfinity, t.IsInSubgroup);
            }
            Assert.True(cleared.IsInSubgroup);
            Assert.False(q.IsInSubgroup);
            checkedPoints++;
        }
        Assert.Equal(6, checkedPoints);
    }

    /// <summary>Square root in F_p2 (p ≡ 3 mod 4): with n = a0² + a1² and s = √n in F_p, the root is
    /// x0 + x1·u with x0 = √((a0 ± s)/2), x1 = a1/(2·x0).</summary>
    internal static bool TrySqrt(Fp2 a, out Fp2 root)
    {
        BigInteger p = ReferenceG1.P;
        BigInteger a0 = a.C0.ToBigInteger(), a1 = a.C1.ToBigInteger();
        root = default;
        if (!SqrtP((a0 * a0 + a1 * a1) % p, out BigInteger s)) return false;
        BigInteger half = (p + 1) / 2;
        foreach (BigInteger cand in new[] { (a0 + s) * half % p, ((a0 - s) % p + p) * half % p })
        {
            if (!SqrtP(cand, out BigInteger x0) || x0.IsZero) continue;
            BigInteger x1 = a1 * BigInteger.ModPow(2 * x0, p - 2, p) % p;
            var r = new Fp2(Fp.FromBigInteger(x0), Fp.FromBigInteger(x1));
            if (r.Square() == a) { root = r; return true; }
        }
        return false;

        static bool SqrtP(BigInteger n, out BigInteger r)
        {
            BigInteger p = ReferenceG1.P;
            r = BigInteger.ModPow(n, (p + 1) / 4, p);
            return r * r % p == n % p;
        }
    }

    private static bool Same(G2Affine a, G2Affine b) => a.X == b.X && a.Y == b.Y;
}
