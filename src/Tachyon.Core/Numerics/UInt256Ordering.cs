namespace Tachyon.Core.Numerics;

/// <summary>
/// Limb-wise UInt256 comparison for code that must not wait on the UInt256 operators
/// (added separately); replaceable by them once merged.
/// </summary>
internal static class UInt256Ordering
{
    public static int Compare(in UInt256 a, in UInt256 b)
    {
        if (a.U3 != b.U3) return a.U3 < b.U3 ? -1 : 1;
        if (a.U2 != b.U2) return a.U2 < b.U2 ? -1 : 1;
        if (a.U1 != b.U1) return a.U1 < b.U1 ? -1 : 1;
        return a.U0.CompareTo(b.U0);
    }
}
