using Tachyon.Core.Crypto;
using Tachyon.Core.Numerics;
using Tachyon.Core.Types;
using Tachyon.Precompiles;

namespace Tachyon.Evm.Precompiles;

/// <summary>
/// 0x01 ECRECOVER: input hash(32) ‖ v(32) ‖ r(32) ‖ s(32), zero-padded to 128 bytes. Returns the
/// 32-byte left-padded signer address, or empty output when the signature is invalid (the call
/// still succeeds). 3000 gas.
/// </summary>
public sealed class EcRecoverPrecompile : IPrecompile
{
    private static readonly UInt256 N = UInt256.Parse("0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141");

    public Address Address { get; } = Address.Parse("0x0000000000000000000000000000000000000001");

    public long RequiredGas(ReadOnlySpan<byte> input) => 3000;

    public bool TryRun(ReadOnlySpan<byte> input, out byte[] output)
    {
        Span<byte> buf = stackalloc byte[128];
        buf.Clear();
        input[..Math.Min(128, input.Length)].CopyTo(buf);
        output = [];
        UInt256 v = UInt256.FromBigEndian(buf.Slice(32, 32));
        UInt256 r = UInt256.FromBigEndian(buf.Slice(64, 32));
        UInt256 s = UInt256.FromBigEndian(buf.Slice(96, 32));
        if (!v.IsUInt64 || (v.U0 != 27 && v.U0 != 28)) return true;
        if (r.IsZero || s.IsZero || r >= N || s >= N) return true;
        if (!Secp256k1.TryRecoverAddress(buf[..32], buf.Slice(64, 64), (int)(v.U0 - 27), out Address signer)) return true;
        output = new byte[32];
        signer.Bytes.CopyTo(output.AsSpan(12));
        return true;
    }
}
