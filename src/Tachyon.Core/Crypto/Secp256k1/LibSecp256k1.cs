using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Tachyon.Core.Interop;

namespace Tachyon.Core.Crypto;

/// <summary>
/// P/Invoke bindings to libsecp256k1 (with the recovery module). Opaque structs are passed as
/// byte buffers: secp256k1_pubkey is 64 bytes, secp256k1_ecdsa_recoverable_signature 65.
/// </summary>
internal static unsafe partial class LibSecp256k1
{
    private const string Lib = "tachyon-secp256k1"; // logical name, mapped in Register()

    public const uint ContextVerify = (1 << 0) | (1 << 8);
    public const uint ContextSign = (1 << 0) | (1 << 9);
    public const uint EcUncompressed = 1 << 1;

    public const int PubKeySize = 64;
    public const int RecoverableSignatureSize = 65;

    public static void Register() =>
        NativeLibraryResolver.Register(Lib, "libsecp256k1.so.1", "secp256k1", "libsecp256k1.so");

    [LibraryImport(Lib, EntryPoint = "secp256k1_context_create")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial nint ContextCreate(uint flags);

    [LibraryImport(Lib, EntryPoint = "secp256k1_context_randomize")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int ContextRandomize(nint ctx, byte* seed32);

    [LibraryImport(Lib, EntryPoint = "secp256k1_ec_pubkey_create")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int EcPubkeyCreate(nint ctx, byte* pubkey, byte* seckey);

    [LibraryImport(Lib, EntryPoint = "secp256k1_ec_pubkey_serialize")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int EcPubkeySerialize(nint ctx, byte* output, nuint* outputLength, byte* pubkey, uint flags);

    [LibraryImport(Lib, EntryPoint = "secp256k1_ecdsa_sign_recoverable")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int EcdsaSignRecoverable(nint ctx, byte* signature, byte* msgHash32, byte* seckey, nint nonceFunction, nint nonceData);

    [LibraryImport(Lib, EntryPoint = "secp256k1_ecdsa_recoverable_signature_parse_compact")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int RecoverableSignatureParseCompact(nint ctx, byte* signature, byte* input64, int recid);

    [LibraryImport(Lib, EntryPoint = "secp256k1_ecdsa_recoverable_signature_serialize_compact")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int RecoverableSignatureSerializeCompact(nint ctx, byte* output64, int* recid, byte* signature);

    [LibraryImport(Lib, EntryPoint = "secp256k1_ecdsa_recover")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int EcdsaRecover(nint ctx, byte* pubkey, byte* signature, byte* msgHash32);
}
