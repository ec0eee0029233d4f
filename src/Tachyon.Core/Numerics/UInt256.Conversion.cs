using System.Numerics;
using System.Runtime.CompilerServices;

namespace Tachyon.Core.Numerics;

// Conversions to and from machine integers and BigInteger, and size queries.
public readonly partial struct UInt256
{
    /// <summary>Number of significant bits: 0 for zero, 256 when bit 255 is set.</summary>
    public int BitLength
    {
        get
        {
            if (U3 != 0) return 256 - BitOperations.LeadingZeroCount(U3);
            if (U2 != 0) return 192 - BitOperations.LeadingZeroCount(U2);
            if (U1 != 0) return 128 - BitOperations.LeadingZeroCount(U1);
            return 64 - BitOperations.LeadingZeroCount(U0);
        }
    }

    /// <summary>True when the value is at most int.MaxValue (handy for memory offsets and sizes).</summary>
    public bool FitsInInt32
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => (U1 | U2 | U3) == 0 && U0 <= int.MaxValue;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetUInt64(out ulong value)
    {
        value = U0;
        return (U1 | U2 | U3) == 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetInt32(out int value)
    {
        if (FitsInInt32)
        {
            value = (int)U0;
            return true;
        }
        value = 0;
        return false;
    }

    [SkipLocalsInit]
    public static explicit operator BigInteger(in UInt256 value)
    {
        if (value.IsUInt64) return new BigInteger(value.U0);
        Span<byte> bytes = stackalloc byte[32];
        value.WriteBigEndian(bytes);
        return new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
    }

    /// <summary>The UInt256 equal to <paramref name="value"/>; throws OverflowException when it is negative or at least 2^256.</summary>
    [SkipLocalsInit]
    public static UInt256 FromBigInteger(BigInteger value)
    {
        if (value.Sign < 0) throw new OverflowException("negative value cannot be converted to UInt256");
        Span<byte> bytes = stackalloc byte[33];
        if (!value.TryWriteBytes(bytes, out int written, isUnsigned: true, isBigEndian: true) || written > 32)
            throw new OverflowException("value is 2^256 or more and does not fit in UInt256");
        return FromBigEndian(bytes[..written]);
    }

    /// <summary>Same as <see cref="FromBigInteger"/>.</summary>
    public static explicit operator UInt256(BigInteger value) => FromBigInteger(value);
}
