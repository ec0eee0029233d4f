using System.Buffers.Binary;
using System.Text;
using Tachyon.Core.Numerics;

namespace Tachyon.Rpc.Methods;

/// <summary>Decodes Solidity revert payloads: Error(string) (0x08c379a0) and Panic(uint256) (0x4e487b71).</summary>
public static class RevertReason
{
    private static ReadOnlySpan<byte> ErrorSelector => [0x08, 0xc3, 0x79, 0xa0];
    private static ReadOnlySpan<byte> PanicSelector => [0x4e, 0x48, 0x7b, 0x71];

    /// <summary>"execution reverted", with ": reason" when the data decodes.</summary>
    public static string Message(ReadOnlySpan<byte> data)
    {
        string? reason = TryDecode(data);
        return reason is null ? "execution reverted" : "execution reverted: " + reason;
    }

    public static string? TryDecode(ReadOnlySpan<byte> data)
    {
        if (data.Length < 4) return null;
        if (data[..4].SequenceEqual(ErrorSelector)) return TryDecodeString(data[4..]);
        if (data[..4].SequenceEqual(PanicSelector) && data.Length == 36)
        {
            UInt256 code = UInt256.FromBigEndian(data.Slice(4, 32));
            return code.IsUInt64 ? $"panic: {PanicDescription(code.U0)} (0x{code.U0:x})" : null;
        }
        return null;
    }

    private static string? TryDecodeString(ReadOnlySpan<byte> abi)
    {
        // head: offset (32 bytes); at offset: length (32 bytes) then the bytes.
        if (abi.Length < 64) return null;
        if (!TryReadSmall(abi[..32], out int offset) || offset > abi.Length - 32) return null;
        if (!TryReadSmall(abi.Slice(offset, 32), out int length)) return null;
        int start = offset + 32;
        if (length > abi.Length - start) return null;
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(abi.Slice(start, length));
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static bool TryReadSmall(ReadOnlySpan<byte> word, out int value)
    {
        value = 0;
        if (word[..28].IndexOfAnyExcept((byte)0) >= 0) return false;
        uint v = BinaryPrimitives.ReadUInt32BigEndian(word[28..]);
        if (v > int.MaxValue) return false;
        value = (int)v;
        return true;
    }

    private static string PanicDescription(ulong code) => code switch
    {
        0x00 => "generic panic",
        0x01 => "assert(false)",
        0x11 => "arithmetic underflow or overflow",
        0x12 => "division or modulo by zero",
        0x21 => "enum overflow",
        0x22 => "invalid encoded storage byte array accessed",
        0x31 => "out-of-bounds array access; popping on an empty array",
        0x32 => "out-of-bounds access of an array or bytesN",
        0x41 => "out of memory",
        0x51 => "uninitialized function",
        _ => "unknown panic code",
    };
}
