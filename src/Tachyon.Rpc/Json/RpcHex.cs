using System.Numerics;
using System.Runtime.CompilerServices;
using Tachyon.Core.Numerics;
using Tachyon.Core.Types;

namespace Tachyon.Rpc.Json;

/// <summary>
/// Hex encodings of the execution-apis: QUANTITY is "0x" + minimal digits ("0x0" for zero);
/// DATA is "0x" + two digits per byte. Writers fill UTF-8 spans so responses need no strings.
/// </summary>
public static class RpcHex
{
    private static ReadOnlySpan<byte> Digits => "0123456789abcdef"u8;

    public static string Quantity(ulong value)
    {
        Span<byte> buffer = stackalloc byte[18];
        int n = WriteQuantity(value, buffer);
        return System.Text.Encoding.ASCII.GetString(buffer[..n]);
    }

    public static string Quantity(in UInt256 value) => value.ToHexString();

    public static string Data(ReadOnlySpan<byte> bytes) => Hex.ToHex(bytes);

    /// <summary>Writes "0x" + minimal hex of <paramref name="value"/>; needs 18 bytes.</summary>
    public static int WriteQuantity(ulong value, Span<byte> destination)
    {
        destination[0] = (byte)'0';
        destination[1] = (byte)'x';
        if (value == 0)
        {
            destination[2] = (byte)'0';
            return 3;
        }
        int digits = (67 - BitOperations.LeadingZeroCount(value)) / 4;
        for (int i = digits - 1; i >= 0; i--)
        {
            destination[2 + i] = Digits[(int)(value & 0xF)];
            value >>= 4;
        }
        return digits + 2;
    }

    /// <summary>Writes "0x" + minimal hex of a 256-bit value; needs 66 bytes.</summary>
    public static int WriteQuantity(in UInt256 value, Span<byte> destination)
    {
        if (value.IsUInt64) return WriteQuantity(value.U0, destination);
        Span<byte> be = stackalloc byte[32];
        value.WriteBigEndian(be);
        int first = be.IndexOfAnyExcept((byte)0);
        destination[0] = (byte)'0';
        destination[1] = (byte)'x';
        int o = 2;
        byte lead = be[first];
        if (lead >= 0x10) destination[o++] = Digits[lead >> 4];
        destination[o++] = Digits[lead & 0xF];
        for (int i = first + 1; i < 32; i++)
        {
            destination[o++] = Digits[be[i] >> 4];
            destination[o++] = Digits[be[i] & 0xF];
        }
        return o;
    }

    /// <summary>Writes "0x" + hex of <paramref name="bytes"/>; needs 2 + 2*length bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int WriteData(ReadOnlySpan<byte> bytes, Span<byte> destination)
    {
        destination[0] = (byte)'0';
        destination[1] = (byte)'x';
        for (int i = 0; i < bytes.Length; i++)
        {
            destination[2 + 2 * i] = Digits[bytes[i] >> 4];
            destination[3 + 2 * i] = Digits[bytes[i] & 0xF];
        }
        return 2 + 2 * bytes.Length;
    }
}
