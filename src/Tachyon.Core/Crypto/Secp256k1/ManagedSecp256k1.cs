using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Math.EC.Multiplier;
using Org.BouncyCastle.Utilities;

namespace Tachyon.Core.Crypto;

/// <summary>
/// secp256k1 in managed code (BouncyCastle), for machines without libsecp256k1. Signing uses the
/// RFC 6979 nonce (HMAC-SHA256) like libsecp256k1 and normalizes to low-s; recovery follows
/// SEC 1 v2 section 4.1.6. Allocates (BouncyCastle big integers); the native path is the fast one.
/// </summary>
public sealed class ManagedSecp256k1 : ISecp256k1Backend
{
    // CustomNamedCurves holds the same curve as SecNamedCurves with a specialized field
    // implementation and the GLV endomorphism, several times faster.
    private static readonly X9ECParameters Curve = CustomNamedCurves.GetByName("secp256k1");
    private static readonly ECCurve C = Curve.Curve;
    private static readonly ECPoint G = Curve.G;
    private static readonly BigInteger N = Curve.N;
    private static readonly BigInteger HalfN = N.ShiftRight(1);
    private static readonly BigInteger P = C.Field.Characteristic;
    private static readonly FixedPointCombMultiplier BaseMultiplier = new();

    public static readonly ManagedSecp256k1 Instance = new();

    public string Name => "managed";

    public bool TryRecoverPublicKey(ReadOnlySpan<byte> messageHash32, ReadOnlySpan<byte> rs64, int recoveryId, Span<byte> publicKey64)
    {
        Check(messageHash32, 32, nameof(messageHash32));
        Check(rs64, 64, nameof(rs64));
        Check(publicKey64, 64, nameof(publicKey64));
        if ((uint)recoveryId > 3) return false;
        if (!Secp256k1Curve.IsValidScalar(rs64[..32]) || !Secp256k1Curve.IsValidScalar(rs64[32..])) return false;

        var r = new BigInteger(1, rs64[..32]);
        var s = new BigInteger(1, rs64[32..]);
        // R.x is r, or r + n for recovery ids 2 and 3 (only when that is still a field element).
        BigInteger x = (recoveryId & 2) != 0 ? r.Add(N) : r;
        if (x.CompareTo(P) >= 0) return false;
        ECPoint? rPoint = Decompress(x, (recoveryId & 1) != 0);
        if (rPoint == null) return false;

        // Q = r^-1 (s R - e G)
        var e = new BigInteger(1, messageHash32);
        BigInteger rInv = r.ModInverse(N);
        BigInteger u1 = N.Subtract(e.Mod(N)).Multiply(rInv).Mod(N);
        BigInteger u2 = s.Multiply(rInv).Mod(N);
        ECPoint q = ECAlgorithms.SumOfTwoMultiplies(G, u1, rPoint, u2).Normalize();
        if (q.IsInfinity) return false;
        WritePoint(q, publicKey64);
        return true;
    }

    public void Sign(ReadOnlySpan<byte> hash32, ReadOnlySpan<byte> privateKey32, Span<byte> rs64, out int recoveryId)
    {
        Check(hash32, 32, nameof(hash32));
        Check(privateKey32, 32, nameof(privateKey32));
        Check(rs64, 64, nameof(rs64));
        if (!Secp256k1Curve.IsValidScalar(privateKey32))
            throw new ArgumentException("invalid private key (zero or not below the curve order)", nameof(privateKey32));

        var d = new BigInteger(1, privateKey32);
        var e = new BigInteger(1, hash32);
        var kCalculator = new HMacDsaKCalculator(new Sha256Digest());
        kCalculator.Init(N, d, hash32.ToArray());
        while (true)
        {
            // Signed by hand rather than with ECDsaSigner: the recovery id needs the point R.
            BigInteger k = kCalculator.NextK();
            ECPoint rPoint = BaseMultiplier.Multiply(G, k).Normalize();
            BigInteger rx = rPoint.AffineXCoord.ToBigInteger();
            BigInteger r = rx.Mod(N);
            if (r.SignValue == 0) continue;
            BigInteger s = k.ModInverse(N).Multiply(e.Add(d.Multiply(r))).Mod(N);
            if (s.SignValue == 0) continue;
            int recid = (rPoint.AffineYCoord.TestBitZero() ? 1 : 0) | (rx.CompareTo(N) >= 0 ? 2 : 0);
            if (s.CompareTo(HalfN) > 0)
            {
                s = N.Subtract(s); // -s pairs with -R, whose y has the other parity
                recid ^= 1;
            }
            WriteScalar(r, rs64[..32]);
            WriteScalar(s, rs64[32..]);
            recoveryId = recid;
            return;
        }
    }

    public bool TryGetPublicKey(ReadOnlySpan<byte> privateKey32, Span<byte> publicKey64)
    {
        Check(privateKey32, 32, nameof(privateKey32));
        Check(publicKey64, 64, nameof(publicKey64));
        if (!Secp256k1Curve.IsValidScalar(privateKey32)) return false;
        ECPoint q = BaseMultiplier.Multiply(G, new BigInteger(1, privateKey32)).Normalize();
        WritePoint(q, publicKey64);
        return true;
    }

    /// <summary>The curve point with this x and y parity, or null when x^3 + 7 has no square root.</summary>
    private static ECPoint? Decompress(BigInteger x, bool oddY)
    {
        ECFieldElement fx = C.FromBigInteger(x);
        ECFieldElement? y = fx.Square().Multiply(fx).Add(C.B).Sqrt();
        if (y == null) return null;
        if (y.TestBitZero() != oddY) y = y.Negate();
        return C.CreatePoint(x, y.ToBigInteger());
    }

    private static void WritePoint(ECPoint q, Span<byte> publicKey64)
    {
        WriteScalar(q.AffineXCoord.ToBigInteger(), publicKey64[..32]);
        WriteScalar(q.AffineYCoord.ToBigInteger(), publicKey64[32..]);
    }

    private static void WriteScalar(BigInteger value, Span<byte> destination32) =>
        BigIntegers.AsUnsignedByteArray(32, value).CopyTo(destination32);

    private static void Check(ReadOnlySpan<byte> span, int length, string name)
    {
        if (span.Length != length) throw new ArgumentException($"{name} must be {length} bytes, got {span.Length}", name);
    }
}
