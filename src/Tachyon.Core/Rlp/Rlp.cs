using System.Runtime.CompilerServices;
using Tachyon.Core.Numerics;
using Tachyon.Core.Types;

namespace Tachyon.Core.Rlp;

/// <summary>
/// Length arithmetic for RLP. Encoders compute exact sizes with these first and then write
/// into a span of that size with <see cref="RlpWriter"/>, so encoding never reallocates.
/// </summary>
public static class Rlp
{
    public const byte EmptyString = 0x80;
    public const byte EmptyList = 0xC0;

    /// <summary>The one-byte encoding of the empty string (also the integer zero).</summary>
    public static ReadOnlySpan<byte> EmptyStringEncoding => [0x80];

    /// <summary>The one-byte encoding of the empty list.</summary>
    public static ReadOnlySpan<byte> EmptyListEncoding => [0xC0];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int LengthOfLength(int length) =>
        length < 0x100 ? 1 : length < 0x10000 ? 2 : length < 0x1000000 ? 3 : 4;

    /// <summary>Header size for a string or list whose payload is <paramref name="contentLength"/> bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int LengthOfHeader(int contentLength) => contentLength < 56 ? 1 : 1 + LengthOfLength(contentLength);

    public static int LengthOfList(int contentLength) => LengthOfHeader(contentLength) + contentLength;

    public static int LengthOf(ReadOnlySpan<byte> bytes) =>
        bytes.Length == 1 && bytes[0] < 0x80 ? 1 : LengthOfHeader(bytes.Length) + bytes.Length;

    public static int LengthOf(ulong value) => value < 0x80 ? 1 : 1 + (71 - System.Numerics.BitOperations.LeadingZeroCount(value)) / 8;

    public static int LengthOf(in UInt256 value)
    {
        if (value.IsUInt64) return LengthOf(value.U0);
        return 1 + value.ByteLength;
    }

    public static int LengthOf(in Address _) => 21;
    public static int LengthOf(in Hash256 _) => 33;

    /// <summary>Encodes a byte string into a new array.</summary>
    public static byte[] Encode(ReadOnlySpan<byte> bytes)
    {
        var output = new byte[LengthOf(bytes)];
        new RlpWriter(output).WriteBytes(bytes);
        return output;
    }

    /// <summary>Wraps already-encoded items (concatenated) into a list.</summary>
    public static byte[] EncodeList(ReadOnlySpan<byte> encodedItems)
    {
        var output = new byte[LengthOfList(encodedItems.Length)];
        var w = new RlpWriter(output);
        w.WriteListHeader(encodedItems.Length);
        w.WriteRaw(encodedItems);
        return output;
    }

    public static byte[] Encode(ulong value)
    {
        var output = new byte[LengthOf(value)];
        new RlpWriter(output).WriteUInt64(value);
        return output;
    }
}
