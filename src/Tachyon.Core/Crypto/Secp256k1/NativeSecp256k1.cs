using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace Tachyon.Core.Crypto;

/// <summary>
/// secp256k1 through libsecp256k1. One context for the process: libsecp256k1 only reads it after
/// creation and randomization, so concurrent calls are safe. Every call is allocation-free.
/// </summary>
[SkipLocalsInit]
public sealed unsafe class NativeSecp256k1 : ISecp256k1Backend
{
    private readonly nint _context;

    private NativeSecp256k1(nint context) => _context = context;

    public string Name => "native";

    /// <summary>Loads the library and creates the context; null when the library is unavailable.</summary>
    public static NativeSecp256k1? TryCreate()
    {
        try
        {
            LibSecp256k1.Register();
            nint ctx = LibSecp256k1.ContextCreate(LibSecp256k1.ContextSign | LibSecp256k1.ContextVerify);
            if (ctx == 0) return null;
            // Blinding against side channels in signing; never destroyed (process lifetime).
            byte* seed = stackalloc byte[32];
            RandomNumberGenerator.Fill(new Span<byte>(seed, 32));
            if (LibSecp256k1.ContextRandomize(ctx, seed) != 1) return null;
            var native = new NativeSecp256k1(ctx);
            return native.SelfTest() ? native : null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            return null;
        }
    }

    // Binds every entry point now (a build without the recovery module fails here, not mid-block)
    // and checks one sign/recover round trip.
    private bool SelfTest()
    {
        Span<byte> key = stackalloc byte[32];
        Span<byte> hash = stackalloc byte[32];
        key.Fill(0x11);
        hash.Fill(0x22);
        Span<byte> pub = stackalloc byte[64], recovered = stackalloc byte[64], rs = stackalloc byte[64];
        if (!TryGetPublicKey(key, pub)) return false;
        Sign(hash, key, rs, out int recoveryId);
        return TryRecoverPublicKey(hash, rs, recoveryId, recovered) && recovered.SequenceEqual(pub);
    }

    public bool TryRecoverPublicKey(ReadOnlySpan<byte> messageHash32, ReadOnlySpan<byte> rs64, int recoveryId, Span<byte> publicKey64)
    {
        Check(messageHash32, 32, nameof(messageHash32));
        Check(rs64, 64, nameof(rs64));
        Check(publicKey64, 64, nameof(publicKey64));
        // The library aborts the process on a recovery id outside 0..3 (an "illegal argument"), and
        // accepts r = 0 or s = 0 at parse time, so both are screened here.
        if ((uint)recoveryId > 3) return false;
        if (!Secp256k1Curve.IsValidScalar(rs64[..32]) || !Secp256k1Curve.IsValidScalar(rs64[32..])) return false;

        byte* sig = stackalloc byte[LibSecp256k1.RecoverableSignatureSize];
        byte* pub = stackalloc byte[LibSecp256k1.PubKeySize];
        fixed (byte* rs = rs64)
        fixed (byte* msg = messageHash32)
        {
            if (LibSecp256k1.RecoverableSignatureParseCompact(_context, sig, rs, recoveryId) != 1) return false;
            if (LibSecp256k1.EcdsaRecover(_context, pub, sig, msg) != 1) return false;
        }
        return Serialize(pub, publicKey64);
    }

    public void Sign(ReadOnlySpan<byte> hash32, ReadOnlySpan<byte> privateKey32, Span<byte> rs64, out int recoveryId)
    {
        Check(hash32, 32, nameof(hash32));
        Check(privateKey32, 32, nameof(privateKey32));
        Check(rs64, 64, nameof(rs64));
        byte* sig = stackalloc byte[LibSecp256k1.RecoverableSignatureSize];
        int recid;
        fixed (byte* msg = hash32)
        fixed (byte* key = privateKey32)
        fixed (byte* output = rs64)
        {
            // Null nonce function = the library's RFC 6979 default; output is always low-s.
            if (LibSecp256k1.EcdsaSignRecoverable(_context, sig, msg, key, 0, 0) != 1)
                throw new ArgumentException("invalid private key (zero or not below the curve order)", nameof(privateKey32));
            LibSecp256k1.RecoverableSignatureSerializeCompact(_context, output, &recid, sig);
        }
        recoveryId = recid;
    }

    public bool TryGetPublicKey(ReadOnlySpan<byte> privateKey32, Span<byte> publicKey64)
    {
        Check(privateKey32, 32, nameof(privateKey32));
        Check(publicKey64, 64, nameof(publicKey64));
        byte* pub = stackalloc byte[LibSecp256k1.PubKeySize];
        fixed (byte* key = privateKey32)
        {
            if (LibSecp256k1.EcPubkeyCreate(_context, pub, key) != 1) return false;
        }
        return Serialize(pub, publicKey64);
    }

    private bool Serialize(byte* pub, Span<byte> publicKey64)
    {
        byte* output = stackalloc byte[65];
        nuint length = 65;
        if (LibSecp256k1.EcPubkeySerialize(_context, output, &length, pub, LibSecp256k1.EcUncompressed) != 1 || length != 65)
            return false;
        new ReadOnlySpan<byte>(output + 1, 64).CopyTo(publicKey64); // drop the 0x04 prefix
        return true;
    }

    private static void Check(ReadOnlySpan<byte> span, int length, string name)
    {
        if (span.Length != length) throw new ArgumentException($"{name} must be {length} bytes, got {span.Length}", name);
    }
}
