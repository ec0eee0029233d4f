using Tachyon.Core.Types;

// The folder is Crypto/Secp256k1 but the namespace stays Tachyon.Core.Crypto: a namespace named
// Secp256k1 would shadow this class inside Tachyon.Core.Crypto.*.
namespace Tachyon.Core.Crypto;

/// <summary>
/// The secp256k1 entry point: native libsecp256k1 when it loads, else the managed BouncyCastle
/// fallback (set TACHYON_SECP256K1=managed to force it). The choice is made once, on first use,
/// and logged once to stderr. See <see cref="ISecp256k1Backend"/> for the span sizes.
/// </summary>
public static class Secp256k1
{
    public const string ForceEnvironmentVariable = "TACHYON_SECP256K1";

    private static readonly ISecp256k1Backend Impl = Choose();

    /// <summary>"native" or "managed": the backend in use.</summary>
    public static string Backend => Impl.Name;

    /// <summary>The backend in use.</summary>
    public static ISecp256k1Backend Current => Impl;

    /// <inheritdoc cref="ISecp256k1Backend.TryRecoverPublicKey"/>
    public static bool TryRecoverPublicKey(ReadOnlySpan<byte> messageHash32, ReadOnlySpan<byte> rs64, int recoveryId, Span<byte> publicKey64) =>
        Impl.TryRecoverPublicKey(messageHash32, rs64, recoveryId, publicKey64);

    /// <summary>Recovers the signer's address (keccak of the public key, last 20 bytes).</summary>
    public static bool TryRecoverAddress(ReadOnlySpan<byte> hash32, ReadOnlySpan<byte> rs64, int recoveryId, out Address address)
    {
        Span<byte> pub = stackalloc byte[64];
        if (!Impl.TryRecoverPublicKey(hash32, rs64, recoveryId, pub))
        {
            address = default;
            return false;
        }
        address = Address.FromPublicKey(pub);
        return true;
    }

    /// <inheritdoc cref="ISecp256k1Backend.Sign"/>
    public static void Sign(ReadOnlySpan<byte> hash32, ReadOnlySpan<byte> privateKey32, Span<byte> rs64, out int recoveryId) =>
        Impl.Sign(hash32, privateKey32, rs64, out recoveryId);

    /// <inheritdoc cref="ISecp256k1Backend.TryGetPublicKey"/>
    public static bool TryGetPublicKey(ReadOnlySpan<byte> privateKey32, Span<byte> publicKey64) =>
        Impl.TryGetPublicKey(privateKey32, publicKey64);

    /// <summary>The address of a private key.</summary>
    /// <exception cref="ArgumentException">The key is zero or not below the curve order.</exception>
    public static Address GetAddress(ReadOnlySpan<byte> privateKey32)
    {
        Span<byte> pub = stackalloc byte[64];
        if (!Impl.TryGetPublicKey(privateKey32, pub))
            throw new ArgumentException("invalid private key (zero or not below the curve order)", nameof(privateKey32));
        return Address.FromPublicKey(pub);
    }

    private static ISecp256k1Backend Choose()
    {
        bool forceManaged = string.Equals(Environment.GetEnvironmentVariable(ForceEnvironmentVariable), "managed", StringComparison.OrdinalIgnoreCase);
        ISecp256k1Backend? native = forceManaged ? null : NativeSecp256k1.TryCreate();
        if (native != null)
        {
            Console.Error.WriteLine("secp256k1: using native libsecp256k1");
            return native;
        }
        Console.Error.WriteLine(forceManaged
            ? $"secp256k1: using managed BouncyCastle fallback ({ForceEnvironmentVariable}=managed)"
            : "secp256k1: using managed BouncyCastle fallback (libsecp256k1 not found)");
        return ManagedSecp256k1.Instance;
    }
}
