using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Tachyon.Precompiles.Bls12381;

/// <summary>
/// Element of the BLS12-381 base field Fp, kept in Montgomery form (a·2^384 mod p) on six
/// little-endian 64-bit limbs. Every operation returns a fully reduced value, so limb equality is
/// value equality.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public readonly partial struct Fp : IEquatable<Fp>, ICurveField<Fp>
{
    public const int ByteLength = 48;

    // p = 0x1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab
    internal const ulong P0 = 0xb9feffffffffaaab, P1 = 0x1eabfffeb153ffff, P2 = 0x6730d2a0f6b0f624,
        P3 = 0x64774b84f38512bf, P4 = 0x4b1ba7b6434bacd7, P5 = 0x1a0111ea397fe69a;

    // -p^-1 mod 2^64, for Montgomery reduction.
    private const ulong Inv = 0x89f3fffcfffcfffd;

    internal readonly ulong L0, L1, L2, L3, L4, L5;

    internal Fp(ulong l0, ulong l1, ulong l2, ulong l3, ulong l4, ulong l5)
    {
        L0 = l0; L1 = l1; L2 = l2; L3 = l3; L4 = l4; L5 = l5;
    }

    public static Fp Zero => default;

    /// <summary>1 in Montgomery form: 2^384 mod p.</summary>
    public static Fp One => new(0x760900000002fffd, 0xebf4000bc40c0002, 0x5f48985753c758ba,
        0x77ce585370525745, 0x5c071a97a256ec6d, 0x15f65ec3fa80e493);

    // 2^768 mod p: multiplying by it moves a plain integer into Montgomery form.
    private static Fp R2 => new(0xf4df1f341c341746, 0x0a76e6a609d104f1, 0x8de5476c4c95b6d5,
        0x67eb88a9939d83c0, 0x9a793e85b519952d, 0x11988fe592cae3aa);

    // Exponents used by Inverse, Sqrt and IsSquare (little-endian limbs).
    private static ReadOnlySpan<ulong> PMinus2 => [0xb9feffffffffaaa9, 0x1eabfffeb153ffff, 0x6730d2a0f6b0f624,
        0x64774b84f38512bf, 0x4b1ba7b6434bacd7, 0x1a0111ea397fe69a];
    private static ReadOnlySpan<ulong> PPlus1Over4 => [0xee7fbfffffffeaab, 0x07aaffffac54ffff, 0xd9cc34a83dac3d89,
        0xd91dd2e13ce144af, 0x92c6e9ed90d2eb35, 0x0680447a8e5ff9a6];
    private static ReadOnlySpan<ulong> PMinus1Over2 => [0xdcff7fffffffd555, 0x0f55ffff58a9ffff, 0xb39869507b587b12,
        0xb23ba5c279c2895f, 0x258dd3db21a5d66b, 0x0d0088f51cbff34d];

    /// <summary>b = 4 of the G1 curve y² = x³ + 4.</summary>
    public static Fp CurveB { get; } = FromUInt64(4);

    static bool ICurveField<Fp>.IsZeroElement(in Fp a) => a.IsZero;
    static bool ICurveField<Fp>.AreEqual(in Fp a, in Fp b) => a.Equals(b);
    static bool ICurveField<Fp>.Sgn0Of(in Fp a) => a.Sgn0;

    public bool IsZero => (L0 | L1 | L2 | L3 | L4 | L5) == 0;

    public bool IsOne => Equals(One);

    public static Fp FromUInt64(ulong v) => Mul(new Fp(v, 0, 0, 0, 0, 0), R2);

    /// <summary>Parses a 48-byte big-endian integer; false if it is not below p (non-canonical).</summary>
    public static bool TryFromBytes(ReadOnlySpan<byte> be48, out Fp result)
    {
        if (be48.Length != ByteLength) throw new ArgumentException("field element must be 48 bytes", nameof(be48));
        var raw = new Fp(
            BinaryPrimitives.ReadUInt64BigEndian(be48[40..]), BinaryPrimitives.ReadUInt64BigEndian(be48[32..]),
            BinaryPrimitives.ReadUInt64BigEndian(be48[24..]), BinaryPrimitives.ReadUInt64BigEndian(be48[16..]),
            BinaryPrimitives.ReadUInt64BigEndian(be48[8..]), BinaryPrimitives.ReadUInt64BigEndian(be48));
        if (!IsBelowModulus(raw))
        {
            result = default;
            return false;
        }
        result = Mul(raw, R2);
        return true;
    }

    public static Fp FromBytes(ReadOnlySpan<byte> be48) =>
        TryFromBytes(be48, out Fp r) ? r : throw new ArgumentException("field element is not below p", nameof(be48));

    /// <summary>Writes the canonical 48-byte big-endian encoding.</summary>
    public void WriteBytes(Span<byte> be48)
    {
        if (be48.Length < ByteLength) throw new ArgumentException("need 48 bytes", nameof(be48));
        Fp c = ToCanonical();
        BinaryPrimitives.WriteUInt64BigEndian(be48, c.L5);
        BinaryPrimitives.WriteUInt64BigEndian(be48[8..], c.L4);
        BinaryPrimitives.WriteUInt64BigEndian(be48[16..], c.L3);
        BinaryPrimitives.WriteUInt64BigEndian(be48[24..], c.L2);
        BinaryPrimitives.WriteUInt64BigEndian(be48[32..], c.L1);
        BinaryPrimitives.WriteUInt64BigEndian(be48[40..], c.L0);
    }

    public byte[] ToBytes()
    {
        var b = new byte[ByteLength];
        WriteBytes(b);
        return b;
    }

    /// <summary>The plain integer (out of Montgomery form), still as limbs.</summary>
    internal Fp ToCanonical() => Mul(this, new Fp(1, 0, 0, 0, 0, 0));

    /// <summary>RFC 9380 sgn0: parity of the canonical integer.</summary>
    public bool Sgn0 => (ToCanonical().L0 & 1) != 0;

    /// <summary>ZCash serialization sign: true when the value exceeds (p-1)/2, i.e. it is the larger of ±y.</summary>
    public bool IsLexicographicallyLargest
    {
        get
        {
            Fp c = ToCanonical();
            ReadOnlySpan<ulong> half = PMinus1Over2;
            ReadOnlySpan<ulong> v = [c.L0, c.L1, c.L2, c.L3, c.L4, c.L5];
            for (int i = 5; i >= 0; i--)
                if (v[i] != half[i]) return v[i] > half[i];
            return false;
        }
    }

    private static bool IsBelowModulus(in Fp a)
    {
        ulong borrow = 0;
        SubB(a.L0, P0, ref borrow); SubB(a.L1, P1, ref borrow); SubB(a.L2, P2, ref borrow);
        SubB(a.L3, P3, ref borrow); SubB(a.L4, P4, ref borrow); SubB(a.L5, P5, ref borrow);
        return borrow != 0;
    }

    // ---- carry helpers ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong AddC(ulong a, ulong b, ref ulong carry)
    {
        ulong s = a + b;
        ulong c = s < a ? 1UL : 0UL;
        ulong r = s + carry;
        carry = c + (r < s ? 1UL : 0UL);
        return r;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong SubB(ulong a, ulong b, ref ulong borrow)
    {
        ulong d = a - b;
        ulong bo = a < b ? 1UL : 0UL;
        ulong r = d - borrow;
        borrow = bo + (d < borrow ? 1UL : 0UL);
        return r;
    }

    /// <summary>
    /// High half of a 64×64 product. mulx for the high half plus a plain multiply for the low
    /// half keeps both in registers; Math.BigMul's out parameter costs a store and a reload.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong MulHigh(ulong a, ulong b) =>
        Bmi2.X64.IsSupported ? Bmi2.X64.MultiplyNoFlags(a, b) : Math.BigMul(a, b, out _);

    /// <summary>Subtracts p once when the 6-limb value (known to be below 2p) is at least p.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Fp ReduceOnce(ulong t0, ulong t1, ulong t2, ulong t3, ulong t4, ulong t5)
    {
        ulong b = 0;
        ulong d0 = SubB(t0, P0, ref b), d1 = SubB(t1, P1, ref b), d2 = SubB(t2, P2, ref b);
        ulong d3 = SubB(t3, P3, ref b), d4 = SubB(t4, P4, ref b), d5 = SubB(t5, P5, ref b);
        // b == 1: t < p, keep t.
        ulong keep = 0UL - b;
        return new Fp((t0 & keep) | (d0 & ~keep), (t1 & keep) | (d1 & ~keep), (t2 & keep) | (d2 & ~keep),
            (t3 & keep) | (d3 & ~keep), (t4 & keep) | (d4 & ~keep), (t5 & keep) | (d5 & ~keep));
    }

    // ---- arithmetic ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp Add(in Fp a, in Fp b)
    {
        // p < 2^381, so the sum fits in 384 bits without a carry out.
        ulong c = 0;
        ulong t0 = AddC(a.L0, b.L0, ref c), t1 = AddC(a.L1, b.L1, ref c), t2 = AddC(a.L2, b.L2, ref c);
        ulong t3 = AddC(a.L3, b.L3, ref c), t4 = AddC(a.L4, b.L4, ref c), t5 = AddC(a.L5, b.L5, ref c);
        return ReduceOnce(t0, t1, t2, t3, t4, t5);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp Sub(in Fp a, in Fp b)
    {
        ulong bo = 0;
        ulong t0 = SubB(a.L0, b.L0, ref bo), t1 = SubB(a.L1, b.L1, ref bo), t2 = SubB(a.L2, b.L2, ref bo);
        ulong t3 = SubB(a.L3, b.L3, ref bo), t4 = SubB(a.L4, b.L4, ref bo), t5 = SubB(a.L5, b.L5, ref bo);
        // On borrow add p back (mask is all ones then).
        ulong mask = 0UL - bo, c = 0;
        t0 = AddC(t0, P0 & mask, ref c); t1 = AddC(t1, P1 & mask, ref c); t2 = AddC(t2, P2 & mask, ref c);
        t3 = AddC(t3, P3 & mask, ref c); t4 = AddC(t4, P4 & mask, ref c); t5 = AddC(t5, P5 & mask, ref c);
        return new Fp(t0, t1, t2, t3, t4, t5);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp Neg(in Fp a)
    {
        if (a.IsZero) return a;
        ulong bo = 0;
        return new Fp(SubB(P0, a.L0, ref bo), SubB(P1, a.L1, ref bo), SubB(P2, a.L2, ref bo),
            SubB(P3, a.L3, ref bo), SubB(P4, a.L4, ref bo), SubB(P5, a.L5, ref bo));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp Double(in Fp a) => Add(a, a);

    /// <summary>
    /// Montgomery product a·b·2^-384 (CIOS). The top limb of p is below 2^62, so the two extra
    /// high words of textbook CIOS are never needed and the result stays below 2p.
    /// </summary>
    public static Fp Mul(in Fp a, in Fp b)
    {
        ulong t0, t1, t2, t3, t4, t5, A, C, m, lo, hi;
        // word 0 of b
        hi = MulHigh(a.L0, b.L0); lo = a.L0 * b.L0;
        t0 = lo;
        A = hi;
        m = t0 * Inv;
        hi = MulHigh(m, P0); lo = m * P0;
        lo += t0; hi += lo < t0 ? 1UL : 0UL;
        C = hi;
        hi = MulHigh(a.L1, b.L0); lo = a.L1 * b.L0;
        lo += A; hi += lo < A ? 1UL : 0UL;
        t1 = lo;
        A = hi;
        hi = MulHigh(m, P1); lo = m * P1;
        lo += t1; hi += lo < t1 ? 1UL : 0UL;
        lo += C; hi += lo < C ? 1UL : 0UL;
        t0 = lo;
        C = hi;
        hi = MulHigh(a.L2, b.L0); lo = a.L2 * b.L0;
        lo += A; hi += lo < A ? 1UL : 0UL;
        t2 = lo;
        A = hi;
        hi = MulHigh(m, P2); lo = m * P2;
        lo += t2; hi += lo < t2 ? 1UL : 0UL;
        lo += C; hi += lo < C ? 1UL : 0UL;
        t1 = lo;
        C = hi;
        hi = MulHigh(a.L3, b.L0); lo = a.L3 * b.L0;
        lo += A; hi += lo < A ? 1UL : 0UL;
        t3 = lo;
        A = hi;
        hi = MulHigh(m, P3); lo = m * P3;
        lo += t3; hi += lo < t3 ? 1UL : 0UL;
        lo += C; hi += lo < C ? 1UL : 0UL;
        t2 = lo;
        C = hi;
        hi = MulHigh(a.L4, b.L0); lo = a.L4 * b.L0;
        lo += A; hi += lo < A ? 1UL : 0UL;
        t4 = lo;
        A = hi;
        hi = MulHigh(m, P4); lo = m * P4;
        lo += t4; hi += lo < t4 ? 1UL : 0UL;
        lo += C; hi += lo < C ? 1UL : 0UL;
        t3 = lo;
        C = hi;
        hi = MulHigh(a.L5, b.L0); lo = a.L5 * b.L0;
        lo += A; hi += lo < A ? 1UL : 0UL;
        t5 = lo;
        A = hi;
        hi = MulHigh(m, P5); lo = m * P5;
        lo += t5; hi += lo < t5 ? 1UL : 0UL;
        lo += C; hi += lo < C ? 1UL : 0UL;
        t4 = lo;
        C = hi;
        t5 = C + A;
        // word 1 of b
        hi = MulHigh(a.L0, b.L1); lo = a.L0 * b.L1;
        lo += t0; hi += lo < t0 ? 1UL : 0UL;
        t0 = lo;
        A = hi;
        m = t0 * Inv;
        hi = MulHigh(m, P0); lo = m * P0;
        lo += t0; hi += lo < t0 ? 1UL : 0UL;
        C = hi;
        hi = MulHigh(a.L1, b.L1); lo = a.L1 * b.L1;
        lo += t1; hi += lo < t1 ? 1UL : 0UL;
        lo += A; hi += lo < A ? 1UL : 0UL;
        t1 = lo;
        A = hi;
        hi = MulHigh(m, P1); lo = m * P1;
        lo += t1; hi += lo < t1 ? 1UL : 0UL;
        lo += C; hi += lo < C ? 1UL : 0UL;
        t0 = lo;
        C = hi;
        hi = MulHigh(a.L2, b.L1); lo = a.L2 * b.L1;
        lo += t2; hi += lo < t2 ? 1UL : 0UL;
        lo += A; hi += lo < A ? 1UL : 0UL;
        t2 = lo;
        A = hi;
        hi = MulHigh(m, P2); lo = m * P2;
        lo += t2; hi += lo < t2 ? 1UL : 0UL;
        lo += C; hi += lo < C ? 1UL : 0UL;
        t1 = lo;
        C = hi;
        hi = MulHigh(a.L3, b.L1); lo = a.L3 * b.L1;
        lo += t3; hi += lo < t3 ? 1UL : 0UL;
        lo += A; hi += lo < A ? 1UL : 0UL;
        t3 = lo;
        A = hi;
        hi = MulHigh(m, P3); lo = m * P3;
        lo += t3; hi += lo < t3 ? 1UL : 0UL;
        lo += C; hi += lo < C ? 1UL : 0UL;
        t2 = lo;
        C = hi;
        hi = MulHigh(a.L4, b.L1); lo = a.L4 * b.L1;
        lo += t4; hi += lo < t4 ? 1UL : 0UL;
        lo += A; hi += lo < A ? 1UL : 0UL;
        t4 = lo;
        A = hi;
        hi = MulHigh(m, P4); lo = m * P4;
        lo += t4; hi += lo < t4 ? 1UL : 0UL;
        lo += C; hi += lo < C ? 1UL : 0UL;
        t3 = lo;
        C = hi;
        hi = MulHigh(a.L5, b.L1); lo = a.L5 * b.L1;
        lo += t5; hi += lo < t5 ? 1UL : 0UL;
        lo += A; hi += lo < A ? 1UL : 0UL;
        t5 = lo;
        A = hi;
        hi = MulHigh(m, P5); lo = m * P5;
        lo += t5; hi += lo < t5 ? 1UL : 0UL;
        lo += C; hi += lo < C ? 1UL : 0UL;
        t4 = lo;
        C = hi;
        t5 = C + A;
        // word 2 of b
        hi = MulHigh(a.L0, b.L2); lo = a.L0 * b.L2;
        lo += t0; hi += lo < t0 ? 1UL : 0UL;
        t0 = lo;
        A = hi;
        m = t0 * Inv;
        hi = MulHigh(m, P0); lo = m * P0;
        lo += t0; hi += lo < t0 ? 1UL : 0UL;
        C = hi;
        hi = MulHigh(a.L1, b.L2); lo = a.L1 * b.L2;
        lo += t1; hi += lo < t1 ? 1UL : 0UL;
        lo += A; hi += lo < A ? 1UL : 0UL;
        t1 = lo;
        A = hi;
        hi = MulHigh(m, P1); lo = m * P1;
        lo += t1; hi += lo < t1 ? 1UL : 0UL;
        lo += C; hi += lo < C ? 1UL : 0UL;
        t0 = lo;
        C = hi;
        hi = MulHigh(a.L2, b.L2); lo = a.L2 * b.L2;
        lo += t2; hi += lo < t2 ? 1UL : 0UL;
        lo += A; hi += lo < A ? 1UL : 0UL;
        t2 = lo;
        A = hi;
        hi = MulHigh(m, P2); lo = m * P2;
        lo += t2; hi += lo < t2 ? 1UL : 0UL;
        lo += C; hi += lo < C ? 1UL : 0UL;
        t1 = lo;
        C = hi;
        hi = MulHigh(a.L3, b.L2); lo = a.L3 * b.L2;
        lo += t3; hi += lo < t3 ? 1UL : 0UL;
        lo += A; hi += lo < A ? 1UL : 0UL;
        t3 = lo;
        A = hi;
        hi = MulHigh(m, P3); lo = m * P3;
        lo += t3; hi += lo < t3 ? 1UL : 0UL;
        lo += C; hi += lo < C ? 1UL : 0UL;
        t2 = lo;
        C = hi;
        hi = MulHigh(a.L4, b.L2); lo = a.L4 * b.L2;
        lo += t4; hi += lo < t4 ? 1UL : 0UL;
        lo += A; hi += lo < A ? 1UL : 0UL;
        t4 = lo;
        A = hi;
        hi = MulHigh(m, P4); lo = m * P4;
        lo += t4; hi += lo < t4 ? 1UL : 0UL;
        lo += C; hi += lo < C ? 1UL : 0UL;
        t3 = lo;
        C = hi;
        hi = MulHigh(a.L5, b.L2); lo = a.L5 * b.L2;
        lo += t5; hi += lo < t5 ? 1UL : 0UL;
        lo += A; hi += lo < A ? 1UL : 0UL;
        t5 = lo;
        A = hi;
        hi = MulHigh(m, P5); lo = m * P5;
        lo += t5; hi += lo < t5 ? 1UL : 0UL;
        lo += C; hi += lo < C ? 1UL : 0UL;
        t4 = lo;
        C = hi;
        t5 = C + A;
        // word 3 of b
        hi = MulHigh(a.L0, b.L3); lo = a.L0 * b.L3;
        lo += t0; hi += lo < t0 ? 1UL : 0UL;
        t0 = lo;
        A = hi;
        m = t0 * Inv;
        hi = MulHigh(m, P0); lo = m * P0;
        lo += t0; hi += lo < t0 ? 1UL : 0UL;
        C = hi;
        hi = MulHigh(a.L1, b.L3); lo = a.L1 * b.L3;
        lo += t1; hi += lo < t1 ? 1UL : 0UL;
        lo += A; hi += lo < A ? 1UL : 0UL;
        t1 = lo;
        A = hi;
        hi = MulHigh(m, P1); lo = m * P1;
        lo += t1; hi += lo < t1 ? 1UL : 0UL;
        lo += C; hi += lo < C ? 1UL : 0UL;
        t0 = lo;
        C = hi;
        hi = MulHigh(a.L2, b.L3); lo = a.L2 * b.L3;
        lo += t2; hi += lo < t2 ? 1UL : 0UL;
        lo += A; hi += lo < A ? 1UL : 0UL;
        t2 = lo;
        A = hi;
        hi = MulHigh(m, P2); lo = m * P2;
        lo += t2; hi += lo < t2 ? 1UL : 0UL;
        lo += C; hi += lo < C ? 1UL : 0UL;
        t1 = lo;
        C = hi;
        hi = MulHigh(a.L3, b.L3); lo = a.L3 * b.L3;
        lo += t3; hi += lo < t3 ? 1UL : 0UL;
        lo += A; hi += lo < A ? 1UL : 0UL;
        t3 = lo;
        A = hi;
        hi = MulHigh(m, P3); lo = m * P3;
        lo += t3; hi += lo < t3 ? 1UL : 0UL;
        lo += C; hi += lo < C ? 1UL : 0UL;
        t2 = lo;
        C = hi;
        hi = MulHigh(a.L4, b.L3); lo = a.L4 * b.L3;
        lo += t4; hi += lo < t4 ? 1UL : 0UL;
        lo += A; hi += lo < A ? 1UL : 0UL;
        t4 = lo;
        A = hi;
        hi = MulHigh(m, P4); lo = m * P4;
        lo += t4; hi += lo < t4 ? 1UL : 0UL;
        lo += C; hi += lo < C ? 1UL : 0UL;
        t3 = lo;
        C = hi;
        hi = MulHigh(a.L5, b.L3); lo = a.L5 * b.L3;
        lo += t5; hi += lo < t5 ? 1UL : 0UL;
        lo += A; hi += lo < A ? 1UL : 0UL;
        t5 = lo;
        A = hi;
        hi = MulHigh(m, P5); lo = m * P5;
        lo += t5; hi += lo < t5 ? 1UL : 0UL;
        lo += C; hi += lo < C ? 1UL : 0UL;
        t4 = lo;
        C = hi;
        t5 = C + A;
        // word 4 of b
        hi = MulHigh(a.L0, b.L4); lo = a.L0 * b.L4;
        lo += t0; hi += lo < t0 ? 1UL : 0UL;
        t0 = lo;
        A = hi;
        m = t0 * Inv;
        hi = MulHigh(m, P0); lo = m * P0;
        lo += t0; hi += lo < t0 ? 1UL : 0UL;
        C = hi;
        hi = MulHigh(a.L1, b.L4); lo = a.L1 * b.L4;
        lo += t1; hi += lo < t1 ? 1UL : 0UL;
        lo += A; hi += lo < A ? 1UL : 0UL;
        t1 = lo;
        A = hi;
        hi = MulHigh(m, P1); lo = m * P1;
        lo += t1; hi += lo < t1 ? 1UL : 0UL;
        lo += C; hi += lo < C ? 1UL : 0UL;
        t0 = lo;
        C = hi;
        hi = MulHigh(a.L2, b.L4); lo = a.L2 * b.L4;
        lo += t2; hi += lo < t2 ? 1UL : 0UL;
        lo += A; hi += lo < A ? 1UL : 0UL;
        t2 = lo;
        A = hi;
        hi = MulHigh(m, P2); lo = m * P2;
        lo += t2; hi += lo < t2 ? 1UL : 0UL;
        lo += C; hi += lo < C ? 1UL : 0UL;
        t1 = lo;
        C = hi;
        hi = MulHigh(a.L3, b.L4); lo = a.L3 * b.L4;
        lo += t3; hi += lo < t3 ? 1UL : 0UL;
        lo += A; hi += lo < A ? 1UL : 0UL;
        t3 = lo;
        A = hi;
        hi = MulHigh(m, P3); lo = m * P3;
        lo += t3; hi += lo < t3 ? 1UL : 0UL;
        lo += C; hi += lo < C ? 1UL : 0UL;
        t2 = lo;
        C = hi;
        hi = MulHigh(a.L4, b.L4); lo = a.L4 * b.L4;
        lo += t4; hi += lo < t4 ? 1UL : 0UL;
        lo += A; hi += lo < A ? 1UL : 0UL;
        t4 = lo;
        A = hi;
        hi = MulHigh(m, P4); lo = m * P4;
        lo += t4; hi += lo < t4 ? 1UL : 0UL;
        lo += C; hi += lo < C ? 1UL : 0UL;
        t3 = lo;
        C = hi;
        hi = MulHigh(a.L5, b.L4); lo = a.L5 * b.L4;
        lo += t5; hi += lo < t5 ? 1UL : 0UL;
        lo += A; hi += lo < A ? 1UL : 0UL;
        t5 = lo;
        A = hi;
        hi = MulHigh(m, P5); lo = m * P5;
        lo += t5; hi += lo < t5 ? 1UL : 0UL;
        lo += C; hi += lo < C ? 1UL : 0UL;
        t4 = lo;
        C = hi;
        t5 = C + A;
        // word 5 of b
        hi = MulHigh(a.L0, b.L5); lo = a.L0 * b.L5;
        lo += t0; hi += lo < t0 ? 1UL : 0UL;
        t0 = lo;
        A = hi;
        m = t0 * Inv;
        hi = MulHigh(m, P0); lo = m * P0;
        lo += t0; hi += lo < t0 ? 1UL : 0UL;
        C = hi;
        hi = MulHigh(a.L1, b.L5); lo = a.L1 * b.L5;
        lo += t1; hi += lo < t1 ? 1UL : 0UL;
        lo += A; hi += lo < A ? 1UL : 0UL;
        t1 = lo;
        A = hi;
        hi = MulHigh(m, P1); lo = m * P1;
        lo += t1; hi += lo < t1 ? 1UL : 0UL;
        lo += C; hi += lo < C ? 1UL : 0UL;
        t0 = lo;
        C = hi;
        hi = MulHigh(a.L2, b.L5); lo = a.L2 * b.L5;
        lo += t2; hi += lo < t2 ? 1UL : 0UL;
        lo += A; hi += lo < A ? 1UL : 0UL;
        t2 = lo;
        A = hi;
        hi = MulHigh(m, P2); lo = m * P2;
        lo += t2; hi += lo < t2 ? 1UL : 0UL;
        lo += C; hi += lo < C ? 1UL : 0UL;
        t1 = lo;
        C = hi;
        hi = MulHigh(a.L3, b.L5); lo = a.L3 * b.L5;
        lo += t3; hi += lo < t3 ? 1UL : 0UL;
        lo += A; hi += lo < A ? 1UL : 0UL;
        t3 = lo;
        A = hi;
        hi = MulHigh(m, P3); lo = m * P3;
        lo += t3; hi += lo < t3 ? 1UL : 0UL;
        lo += C; hi += lo < C ? 1UL : 0UL;
        t2 = lo;
        C = hi;
        hi = MulHigh(a.L4, b.L5); lo = a.L4 * b.L5;
        lo += t4; hi += lo < t4 ? 1UL : 0UL;
        lo += A; hi += lo < A ? 1UL : 0UL;
        t4 = lo;
        A = hi;
        hi = MulHigh(m, P4); lo = m * P4;
        lo += t4; hi += lo < t4 ? 1UL : 0UL;
        lo += C; hi += lo < C ? 1UL : 0UL;
        t3 = lo;
        C = hi;
        hi = MulHigh(a.L5, b.L5); lo = a.L5 * b.L5;
        lo += t5; hi += lo < t5 ? 1UL : 0UL;
        lo += A; hi += lo < A ? 1UL : 0UL;
        t5 = lo;
        A = hi;
        hi = MulHigh(m, P5); lo = m * P5;
        lo += t5; hi += lo < t5 ? 1UL : 0UL;
        lo += C; hi += lo < C ? 1UL : 0UL;
        t4 = lo;
        C = hi;
        t5 = C + A;
        return ReduceOnce(t0, t1, t2, t3, t4, t5);
    }

    // A dedicated squaring measured no faster here: the multiplier is not the bottleneck.
    public static Fp Square(in Fp a) => Mul(a, a);

    public static Fp operator +(in Fp a, in Fp b) => Add(a, b);
    public static Fp operator -(in Fp a, in Fp b) => Sub(a, b);
    public static Fp operator -(in Fp a) => Neg(a);
    public static Fp operator *(in Fp a, in Fp b) => Mul(a, b);

    /// <summary>a^e for an exponent given as little-endian limbs (variable time; inputs are public).</summary>
    public static Fp Pow(in Fp a, ReadOnlySpan<ulong> exponent) => FieldMath.Pow(a, exponent);

    /// <summary>Euler's criterion: true for zero and for quadratic residues.</summary>
    public static bool IsSquare(in Fp a)
    {
        if (a.IsZero) return true;
        return Pow(a, PMinus1Over2).IsOne;
    }

    /// <summary>Square root: since p ≡ 3 (mod 4) the candidate is a^((p+1)/4); false when a is a non-residue.</summary>
    public static bool TrySqrt(in Fp a, out Fp root)
    {
        root = Pow(a, PPlus1Over4);
        return Square(root).Equals(a);
    }

    public bool Equals(Fp other) =>
        ((L0 ^ other.L0) | (L1 ^ other.L1) | (L2 ^ other.L2) | (L3 ^ other.L3) | (L4 ^ other.L4) | (L5 ^ other.L5)) == 0;

    public override bool Equals(object? obj) => obj is Fp f && Equals(f);
    public override int GetHashCode() => HashCode.Combine(L0, L1, L2, L3, L4, L5);
    public static bool operator ==(in Fp a, in Fp b) => a.Equals(b);
    public static bool operator !=(in Fp a, in Fp b) => !a.Equals(b);

    public override string ToString() => Convert.ToHexString(ToBytes()).ToLowerInvariant();
}
