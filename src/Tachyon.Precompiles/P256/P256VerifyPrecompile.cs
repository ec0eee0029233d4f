using System.Numerics;
using System.Security.Cryptography;
using Tachyon.Core.Types;

namespace Tachyon.Precompiles.P256;

/// <summary>
/// RIP-7212 P256VERIFY (0x100): ECDSA verification over secp256r1 (NIST P-256).
/// Input is exactly 160 bytes: hash ‖ r ‖ s ‖ qx ‖ qy, each 32 bytes big-endian. The call always
/// succeeds: the output is the 32-byte word 1 for a valid signature and empty for anything else
/// (wrong length, r or s outside [1, n-1], a coordinate ≥ p, a key off the curve or at infinity,
/// a signature that does not verify). There is no low-s rule, and the hash is used as given
/// (32 bytes, the bit length of n, so no truncation).
/// </summary>
/// <remarks>
/// All the input checks are done here explicitly; the ECDSA equation itself is left to the
/// platform's <see cref="ECDsa"/> (OpenSSL on Linux), which is then only given valid keys.
/// </remarks>
public sealed class P256VerifyPrecompile : IPrecompile
{
    public static P256VerifyPrecompile Instance { get; } = new();

    /// <summary>RIP-7212 gas cost.</summary>
    public const long Gas = 3450;
    public const int InputLength = 160;

    public Address Address { get; } = PrecompileAddress.Of(0x100);

    // Curve constants (SEC 2 / FIPS 186-4 secp256r1); a = -3.
    internal static readonly BigInteger P = Parse("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff");
    internal static readonly BigInteger N = Parse("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");
    internal static readonly BigInteger B = Parse("5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b");

    private static readonly byte[] One = CreateOne();

    [ThreadStatic] private static ECDsa? t_ecdsa;

    public long RequiredGas(ReadOnlySpan<byte> input) => Gas;

    public bool TryRun(ReadOnlySpan<byte> input, out byte[] output)
    {
        output = Verify(input) ? (byte[])One.Clone() : [];
        return true;
    }

    /// <summary>True if <paramref name="input"/> is a 160-byte RIP-7212 input holding a valid signature.</summary>
    public static bool Verify(ReadOnlySpan<byte> input)
    {
        if (input.Length != InputLength) return false;
        ReadOnlySpan<byte> hash = input[..32];
        ReadOnlySpan<byte> signature = input.Slice(32, 64);
        ReadOnlySpan<byte> qx = input.Slice(96, 32);
        ReadOnlySpan<byte> qy = input.Slice(128, 32);

        if (!InScalarRange(ToBig(signature[..32])) || !InScalarRange(ToBig(signature[32..]))) return false;
        if (!IsOnCurve(ToBig(qx), ToBig(qy))) return false;

        ECDsa ecdsa = t_ecdsa ??= ECDsa.Create();
        try
        {
            ecdsa.ImportParameters(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = qx.ToArray(), Y = qy.ToArray() },
            });
        }
        catch (CryptographicException)
        {
            // Unreachable after the checks above (P-256 has cofactor 1, so every curve point but
            // infinity is a valid key); kept so a platform quirk cannot turn into a failed call.
            return false;
        }
        return ecdsa.VerifyHash(hash, signature, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    private static bool InScalarRange(BigInteger v) => !v.IsZero && v < N;

    /// <summary>0 ≤ x, y &lt; p and y² = x³ − 3x + b (mod p). Infinity has no affine encoding; its
    /// conventional (0, 0) is rejected here because b ≠ 0.</summary>
    internal static bool IsOnCurve(BigInteger x, BigInteger y)
    {
        if (x >= P || y >= P) return false;
        BigInteger lhs = y * y % P;
        BigInteger rhs = ((x * x % P - 3) * x + B) % P;
        if (rhs.Sign < 0) rhs += P;
        return lhs == rhs;
    }

    private static BigInteger ToBig(ReadOnlySpan<byte> bigEndian) => new(bigEndian, isUnsigned: true, isBigEndian: true);

    private static BigInteger Parse(string hex) => new(Convert.FromHexString(hex), isUnsigned: true, isBigEndian: true);

    private static byte[] CreateOne()
    {
        var one = new byte[32];
        one[^1] = 1;
        return one;
    }
}
