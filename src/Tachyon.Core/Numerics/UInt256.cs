using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Tachyon.Core.Numerics;

/// <summary>
/// An unsigned 256-bit integer: the EVM word. Four 64-bit limbs, least significant first.
/// Arithmetic wraps modulo 2^256 as the EVM requires. The operations live in the other
/// UInt256.*.cs partial files, grouped by kind.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public readonly partial struct UInt256
{
    public readonly ulong U0, U1, U2, U3;

    public static readonly UInt256 Zero = default;
    public static readonly UInt256 One = new(1);
    public static readonly UInt256 MaxValue = new(ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public UInt256(ulong u0, ulong u1 = 0, ulong u2 = 0, ulong u3 = 0)
    {
        U0 = u0; U1 = u1; U2 = u2; U3 = u3;
    }

    public bool IsZero
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => (U0 | U1 | U2 | U3) == 0;
    }

    /// <summary>True when the value fits in 64 bits.</summary>
    public bool IsUInt64
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => (U1 | U2 | U3) == 0;
    }

    /// <summary>Reads up to 32 big-endian bytes (shorter input is left-padded with zeros).</summary>
    public static UInt256 FromBigEndian(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 32)
        {
            return new UInt256(
                BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]),
                BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]),
                BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]),
                BinaryPrimitives.ReadUInt64BigEndian(bytes));
        }
        if (bytes.Length > 32) throw new ArgumentException("more than 32 bytes", nameof(bytes));
        Span<byte> padded = stackalloc byte[32];
        padded.Clear();
        bytes.CopyTo(padded[(32 - bytes.Length)..]);
        return FromBigEndian(padded);
    }

    /// <summary>Writes exactly 32 big-endian bytes.</summary>
    public void WriteBigEndian(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, U3);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], U2);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], U1);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], U0);
    }

    public byte[] ToBigEndian()
    {
        var b = new byte[32];
        WriteBigEndian(b);
        return b;
    }

    /// <summary>Number of significant bytes (0 for zero): the length of the minimal big-endian form.</summary>
    public int ByteLength
    {
        get
        {
            if (U3 != 0) return 24 + (71 - System.Numerics.BitOperations.LeadingZeroCount(U3)) / 8;
            if (U2 != 0) return 16 + (71 - System.Numerics.BitOperations.LeadingZeroCount(U2)) / 8;
            if (U1 != 0) return 8 + (71 - System.Numerics.BitOperations.LeadingZeroCount(U1)) / 8;
            return (71 - System.Numerics.BitOperations.LeadingZeroCount(U0)) / 8;
        }
    }

    /// <summary>Writes the minimal big-endian form (no leading zeros) and returns its length.</summary>
    public int WriteBigEndianMinimal(Span<byte> destination)
    {
        int len = ByteLength;
        Span<byte> full = stackalloc byte[32];
        WriteBigEndian(full);
        full[(32 - len)..].CopyTo(destination);
        return len;
    }

    public static implicit operator UInt256(ulong value) => new(value);
    public static implicit operator UInt256(uint value) => new(value);
    public static implicit operator UInt256(int value) =>
        value >= 0 ? new UInt256((ulong)value) : throw new OverflowException("negative value for UInt256");

    public static explicit operator ulong(UInt256 value) => value.U0;
}
