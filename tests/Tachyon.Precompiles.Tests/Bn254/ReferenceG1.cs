using System.Numerics;

namespace Tachyon.Precompiles.Tests.Bn254;

/// <summary>Slow, obviously-correct affine arithmetic on y² = x³ + 3 over F_p with BigInteger: the oracle
/// for property tests. null is the point at infinity.</summary>
internal static class ReferenceG1
{
    public static readonly BigInteger P = BigInteger.Parse("21888242871839275222246405745257275088696311157297823662689037894645226208583");
    public static readonly BigInteger R = BigInteger.Parse("21888242871839275222246405745257275088548364400416034343698204186575808495617");

    public static BigInteger Mod(BigInteger x) { x %= P; return x.Sign < 0 ? x + P : x; }
    /// <summary>Inverse by the extended Euclidean algorithm (much faster than Fermat with BigInteger).</summary>
    public static BigInteger Inv(BigInteger x)
    {
        BigInteger a = Mod(x), b = P, s0 = 1, s1 = 0;
        while (!b.IsZero)
        {
            BigInteger q = BigInteger.DivRem(a, b, out BigInteger rem);
            (a, b) = (b, rem);
            (s0, s1) = (s1, s0 - q * s1);
        }
        return Mod(s0);
    }

    public static bool OnCurve((BigInteger X, BigInteger Y)? a) =>
        a is null || Mod(a.Value.Y * a.Value.Y - a.Value.X * a.Value.X * a.Value.X - 3).IsZero;

    public static (BigInteger X, BigInteger Y)? Add((BigInteger X, BigInteger Y)? a, (BigInteger X, BigInteger Y)? b)
    {
        if (a is null) return b;
        if (b is null) return a;
        var (x1, y1) = a.Value;
        var (x2, y2) = b.Value;
        BigInteger lambda;
        if (x1 == x2)
        {
            if (Mod(y1 + y2).IsZero) return null;
            lambda = Mod(3 * x1 * x1 * Inv(2 * y1));
        }
        else lambda = Mod((y2 - y1) * Inv(x2 - x1));
        BigInteger x3 = Mod(lambda * lambda - x1 - x2);
        return (x3, Mod(lambda * (x1 - x3) - y1));
    }

    public static (BigInteger X, BigInteger Y)? Mul((BigInteger X, BigInteger Y)? a, BigInteger k)
    {
        (BigInteger X, BigInteger Y)? acc = null;
        for (long i = (long)k.GetBitLength() - 1; i >= 0; i--)
        {
            acc = Add(acc, acc);
            if (!(k >> (int)i).IsEven) acc = Add(acc, a);
        }
        return acc;
    }

    public static byte[] Encode((BigInteger X, BigInteger Y)? a)
    {
        var o = new byte[64];
        if (a is null) return o;
        Word(a.Value.X).CopyTo(o, 0);
        Word(a.Value.Y).CopyTo(o, 32);
        return o;
    }

    public static byte[] Word(BigInteger x)
    {
        var o = new byte[32];
        int n = x.GetByteCount(isUnsigned: true);
        x.TryWriteBytes(o.AsSpan(32 - n), out _, isUnsigned: true, isBigEndian: true);
        return o;
    }
}
