using System.Runtime.CompilerServices;

namespace Tachyon.Core.Numerics;

// Unsigned and signed (two's complement) comparison, equality and hashing.
public readonly partial struct UInt256 : IEquatable<UInt256>, IComparable<UInt256>, IComparable
{
    /// <summary>Unsigned a &lt; b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool LessThan(in UInt256 a, in UInt256 b)
    {
        if (a.U3 != b.U3) return a.U3 < b.U3;
        if (a.U2 != b.U2) return a.U2 < b.U2;
        if (a.U1 != b.U1) return a.U1 < b.U1;
        return a.U0 < b.U0;
    }

    /// <summary>Unsigned a &gt; b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool GreaterThan(in UInt256 a, in UInt256 b) => LessThan(in b, in a);

    /// <summary>a &lt; b with both read as two's complement signed integers (EVM SLT).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool SignedLessThan(in UInt256 a, in UInt256 b)
    {
        if (a.U3 != b.U3) return (long)a.U3 < (long)b.U3;
        if (a.U2 != b.U2) return a.U2 < b.U2;
        if (a.U1 != b.U1) return a.U1 < b.U1;
        return a.U0 < b.U0;
    }

    /// <summary>a &gt; b with both read as two's complement signed integers (EVM SGT).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool SignedGreaterThan(in UInt256 a, in UInt256 b) => SignedLessThan(in b, in a);

    /// <summary>Unsigned comparison: -1, 0 or 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Compare(in UInt256 a, in UInt256 b)
    {
        if (a.U3 != b.U3) return a.U3 < b.U3 ? -1 : 1;
        if (a.U2 != b.U2) return a.U2 < b.U2 ? -1 : 1;
        if (a.U1 != b.U1) return a.U1 < b.U1 ? -1 : 1;
        if (a.U0 != b.U0) return a.U0 < b.U0 ? -1 : 1;
        return 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Equals(UInt256 other) =>
        ((U0 ^ other.U0) | (U1 ^ other.U1) | (U2 ^ other.U2) | (U3 ^ other.U3)) == 0;

    public override bool Equals(object? obj) => obj is UInt256 other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(U0, U1, U2, U3);

    public int CompareTo(UInt256 other) => Compare(in this, in other);

    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        UInt256 other => Compare(in this, in other),
        _ => throw new ArgumentException("object is not a UInt256", nameof(obj)),
    };

    public static bool operator ==(in UInt256 a, in UInt256 b) => a.Equals(b);
    public static bool operator !=(in UInt256 a, in UInt256 b) => !a.Equals(b);
    public static bool operator <(in UInt256 a, in UInt256 b) => LessThan(in a, in b);
    public static bool operator >(in UInt256 a, in UInt256 b) => LessThan(in b, in a);
    public static bool operator <=(in UInt256 a, in UInt256 b) => !LessThan(in b, in a);
    public static bool operator >=(in UInt256 a, in UInt256 b) => !LessThan(in a, in b);
}
