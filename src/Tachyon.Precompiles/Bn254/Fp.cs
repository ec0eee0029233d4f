using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Tachyon.Precompiles.Bn254;

/// <summary>
/// An element of the BN254 base field F_p, kept in Montgomery form (x·2^256 mod p) on four 64-bit limbs,
/// little-endian. Values are always fully reduced (&lt; p). Not constant-time: precompile inputs are public.
/// </summary>
internal readonly struct Fp : IEquatable<Fp>
{
    // p = 21888242871839275222246405745257275088696311157297823662689037894645226208583
    private const ulong P0 = 0x3c208c16d87cfd47, P1 = 0x97816a916871ca8d, P2 = 0xb85045b68181585d, P3 = 0x30644e72e131a029;
    // -p^-1 mod 2^64, for Montgomery reduction.
    private const ulong PInv = 0x87d20782e4866389;

    public static readonly BigInteger Modulus = BigInteger.Parse("21888242871839275222246405745257275088696311157297823662689037894645226208583");

    public readonly ulong L0, L1, L2, L3;

    public Fp(ulong l0, ulong l1, ulong l2, ulong l3) { L0 = l0; L1 = l1; L2 = l2; L3 = l3; }

    public static Fp Zero => default;
    /// <summary>1 in Montgomery form: 2^256 mod p.</summary>
    public static Fp One => new(0xd35d438dc58f0d9d, 0x0a78eb28f5c70b3d, 0x666ea36f7879462c, 0x0e0a77c19a07df2f);
    /// <summary>2^512 mod p: multiplying by it moves a plain value into Montgomery form.</summary>
    private static Fp R2 => new(0xf32cfc5b538afa89, 0xb5e71911d44501fb, 0x47ab1eff0a417ff6, 0x06d89f71cab8351f);

    public bool IsZero => (L0 | L1 | L2 | L3) == 0;
    public bool IsOne => Equals(One);

    /// <summary>Parses a 32-byte big-endian integer; false when it is not below p (EIP-196 rejects those).</summary>
    public static bool TryRead(ReadOnlySpan<byte> be32, out Fp value)
    {
        ulong l3 = BinaryPrimitives.ReadUInt64BigEndian(be32);
        ulong l2 = BinaryPrimitives.ReadUInt64BigEndian(be32[8..]);
        ulong l1 = BinaryPrimitives.ReadUInt64BigEndian(be32[16..]);
        ulong l0 = BinaryPrimitives.ReadUInt64BigEndian(be32[24..]);
        if (!LessThanP(l0, l1, l2, l3))
        {
            value = default;
            return false;
        }
        value = new Fp(l0, l1, l2, l3) * R2;
        return true;
    }

    /// <summary>Writes the canonical 32-byte big-endian encoding.</summary>
    public void Write(Span<byte> be32)
    {
        Fp plain = MontMul(this, new Fp(1, 0, 0, 0));
        BinaryPrimitives.WriteUInt64BigEndian(be32, plain.L3);
        BinaryPrimitives.WriteUInt64BigEndian(be32[8..], plain.L2);
        BinaryPrimitives.WriteUInt64BigEndian(be32[16..], plain.L1);
        BinaryPrimitives.WriteUInt64BigEndian(be32[24..], plain.L0);
    }

    public static Fp FromBigInteger(BigInteger x)
    {
        x %= Modulus;
        if (x.Sign < 0) x += Modulus;
        Span<byte> b = stackalloc byte[32];
        b.Clear();
        x.TryWriteBytes(b[(32 - x.GetByteCount(isUnsigned: true))..], out _, isUnsigned: true, isBigEndian: true);
        TryRead(b, out Fp r);
        return r;
    }

    public BigInteger ToBigInteger()
    {
        Span<byte> b = stackalloc byte[32];
        Write(b);
        return new BigInteger(b, isUnsigned: true, isBigEndian: true);
    }

    public static Fp FromUInt(ulong x) => new Fp(x, 0, 0, 0) * R2;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool LessThanP(ulong l0, ulong l1, ulong l2, ulong l3)
    {
        if (l3 != P3) return l3 < P3;
        if (l2 != P2) return l2 < P2;
        if (l1 != P1) return l1 < P1;
        return l0 < P0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp operator +(in Fp a, in Fp b)
    {
        // a + b < 2p < 2^255, so the sum never carries out of 256 bits.
        ulong c = 0;
        ulong s0 = AddC(a.L0, b.L0, ref c);
        ulong s1 = AddC(a.L1, b.L1, ref c);
        ulong s2 = AddC(a.L2, b.L2, ref c);
        ulong s3 = a.L3 + b.L3 + c;
        return ReduceOnce(s0, s1, s2, s3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp operator -(in Fp a, in Fp b)
    {
        ulong br = 0;
        ulong d0 = SubB(a.L0, b.L0, ref br);
        ulong d1 = SubB(a.L1, b.L1, ref br);
        ulong d2 = SubB(a.L2, b.L2, ref br);
        ulong d3 = SubB(a.L3, b.L3, ref br);
        if (br != 0)
        {
            ulong c = 0;
            d0 = AddC(d0, P0, ref c);
            d1 = AddC(d1, P1, ref c);
            d2 = AddC(d2, P2, ref c);
            d3 = d3 + P3 + c;
        }
        return new Fp(d0, d1, d2, d3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp operator -(in Fp a) => a.IsZero ? a : new Fp(P0, P1, P2, P3) - a;

    public static Fp operator *(in Fp a, in Fp b) => MontMul(a, b);

    public Fp Square() => MontMul(this, this);

    public Fp Double() => this + this;

    /// <summary>2^768 mod p: turns the inverse of a Montgomery representative back into Montgomery form.</summary>
    private static Fp R3 => new(0xb1cd6dafda1530df, 0x62f210e6a7283db6, 0xef7f0b0c0ada0afb, 0x20fd6e902d592544);

    /// <summary>
    /// Inverse by the binary extended Euclidean algorithm (several times faster than Fermat's x^(p-2)); the
    /// inverse of zero is zero. Run on the representative aR it yields a⁻¹R⁻¹, and one Montgomery product
    /// with R³ gives a⁻¹R.
    /// </summary>
    public Fp Inverse()
    {
        if (IsZero) return this;
        ulong u0 = L0, u1 = L1, u2 = L2, u3 = L3;
        ulong v0 = P0, v1 = P1, v2 = P2, v3 = P3;
        ulong x0 = 1, x1 = 0, x2 = 0, x3 = 0; // invariant: x·a ≡ u, y·a ≡ v (mod p)
        ulong y0 = 0, y1 = 0, y2 = 0, y3 = 0;
        while (!IsOneLimbs(u0, u1, u2, u3) && !IsOneLimbs(v0, v1, v2, v3))
        {
            while ((u0 & 1) == 0)
            {
                Shr1(ref u0, ref u1, ref u2, ref u3);
                HalveModP(ref x0, ref x1, ref x2, ref x3);
            }
            while ((v0 & 1) == 0)
            {
                Shr1(ref v0, ref v1, ref v2, ref v3);
                HalveModP(ref y0, ref y1, ref y2, ref y3);
            }
            if (GreaterOrEqual(u0, u1, u2, u3, v0, v1, v2, v3))
            {
                SubInPlace(ref u0, ref u1, ref u2, ref u3, v0, v1, v2, v3);
                Fp d = new Fp(x0, x1, x2, x3) - new Fp(y0, y1, y2, y3);
                (x0, x1, x2, x3) = (d.L0, d.L1, d.L2, d.L3);
            }
            else
            {
                SubInPlace(ref v0, ref v1, ref v2, ref v3, u0, u1, u2, u3);
                Fp d = new Fp(y0, y1, y2, y3) - new Fp(x0, x1, x2, x3);
                (y0, y1, y2, y3) = (d.L0, d.L1, d.L2, d.L3);
            }
        }
        Fp inv = IsOneLimbs(u0, u1, u2, u3) ? new Fp(x0, x1, x2, x3) : new Fp(y0, y1, y2, y3);
        return MontMul(inv, R3);
    }

    private static bool IsOneLimbs(ulong a0, ulong a1, ulong a2, ulong a3) => a0 == 1 && (a1 | a2 | a3) == 0;

    private static void Shr1(ref ulong a0, ref ulong a1, ref ulong a2, ref ulong a3)
    {
        a0 = (a0 >> 1) | (a1 << 63);
        a1 = (a1 >> 1) | (a2 << 63);
        a2 = (a2 >> 1) | (a3 << 63);
        a3 >>= 1;
    }

    /// <summary>a/2 mod p for a &lt; p: add p when odd (no overflow, a + p &lt; 2^255), then shift.</summary>
    private static void HalveModP(ref ulong a0, ref ulong a1, ref ulong a2, ref ulong a3)
    {
        if ((a0 & 1) != 0)
        {
            ulong c = 0;
            a0 = AddC(a0, P0, ref c);
            a1 = AddC(a1, P1, ref c);
            a2 = AddC(a2, P2, ref c);
            a3 = a3 + P3 + c;
        }
        Shr1(ref a0, ref a1, ref a2, ref a3);
    }

    private static bool GreaterOrEqual(ulong a0, ulong a1, ulong a2, ulong a3, ulong b0, ulong b1, ulong b2, ulong b3)
    {
        if (a3 != b3) return a3 > b3;
        if (a2 != b2) return a2 > b2;
        if (a1 != b1) return a1 > b1;
        return a0 >= b0;
    }

    private static void SubInPlace(ref ulong a0, ref ulong a1, ref ulong a2, ref ulong a3, ulong b0, ulong b1, ulong b2, ulong b3)
    {
        ulong br = 0;
        a0 = SubB(a0, b0, ref br);
        a1 = SubB(a1, b1, ref br);
        a2 = SubB(a2, b2, ref br);
        a3 = SubB(a3, b3, ref br);
    }

    /// <summary>x^(p-2) by square-and-multiply (cross-check for <see cref="Inverse"/> in tests).</summary>
    public Fp InverseByFermat()
    {
        // p - 2, most significant limb first.
        ReadOnlySpan<ulong> e = [P3, P2, P1, P0 - 2];
        Fp result = One;
        bool started = false;
        for (int i = 0; i < 4; i++)
        {
            for (int bit = 63; bit >= 0; bit--)
            {
                if (started) result = result.Square();
                if (((e[i] >> bit) & 1) != 0)
                {
                    result = started ? result * this : this;
                    started = true;
                }
            }
        }
        return result;
    }

    /// <summary>Montgomery product a·b·2^-256 mod p, by coarsely integrated operand scanning. Because
    /// p &lt; 2^254 the running sum stays below 2p and fits five words, so no sixth word is needed.</summary>
    private static Fp MontMul(in Fp a, in Fp b)
    {
        ulong a0 = a.L0, a1 = a.L1, a2 = a.L2, a3 = a.L3;
        ulong t0 = 0, t1 = 0, t2 = 0, t3 = 0;
        Round(a0, a1, a2, a3, b.L0, ref t0, ref t1, ref t2, ref t3);
        Round(a0, a1, a2, a3, b.L1, ref t0, ref t1, ref t2, ref t3);
        Round(a0, a1, a2, a3, b.L2, ref t0, ref t1, ref t2, ref t3);
        Round(a0, a1, a2, a3, b.L3, ref t0, ref t1, ref t2, ref t3);
        return ReduceOnce(t0, t1, t2, t3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Round(ulong a0, ulong a1, ulong a2, ulong a3, ulong bi, ref ulong t0, ref ulong t1, ref ulong t2, ref ulong t3)
    {
        // t += a·bi
        ulong c = 0;
        t0 = MulAdd(a0, bi, t0, ref c);
        t1 = MulAdd(a1, bi, t1, ref c);
        t2 = MulAdd(a2, bi, t2, ref c);
        t3 = MulAdd(a3, bi, t3, ref c);
        ulong t4 = c;
        // t = (t + m·p) / 2^64 with m chosen so the low word vanishes.
        ulong m = t0 * PInv;
        c = 0;
        MulAdd(m, P0, t0, ref c);
        t0 = MulAdd(m, P1, t1, ref c);
        t1 = MulAdd(m, P2, t2, ref c);
        t2 = MulAdd(m, P3, t3, ref c);
        t3 = t4 + c;
    }

    /// <summary>lo(a·b + c + carry); carry becomes the high word. Cannot overflow 128 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong MulAdd(ulong a, ulong b, ulong c, ref ulong carry)
    {
        // High and low halves as two separate multiplies: BigMul's out parameter goes through memory.
        ulong hi = Bmi2.X64.IsSupported ? Bmi2.X64.MultiplyNoFlags(a, b) : Math.BigMul(a, b, out _);
        ulong lo = a * b;
        lo += c;
        hi += lo < c ? 1UL : 0UL;
        lo += carry;
        hi += lo < carry ? 1UL : 0UL;
        carry = hi;
        return lo;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong AddC(ulong a, ulong b, ref ulong carry)
    {
        ulong s = a + b;
        ulong c1 = s < a ? 1UL : 0UL;
        ulong r = s + carry;
        carry = c1 | (r < s ? 1UL : 0UL);
        return r;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong SubB(ulong a, ulong b, ref ulong borrow)
    {
        ulong d = a - b;
        ulong b1 = a < b ? 1UL : 0UL;
        ulong r = d - borrow;
        borrow = b1 | (d < borrow ? 1UL : 0UL);
        return r;
    }

    /// <summary>x mod p for x &lt; 2p.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Fp ReduceOnce(ulong x0, ulong x1, ulong x2, ulong x3)
    {
        ulong br = 0;
        ulong d0 = SubB(x0, P0, ref br);
        ulong d1 = SubB(x1, P1, ref br);
        ulong d2 = SubB(x2, P2, ref br);
        ulong d3 = SubB(x3, P3, ref br);
        return br == 0 ? new Fp(d0, d1, d2, d3) : new Fp(x0, x1, x2, x3);
    }

    public bool Equals(Fp other) => L0 == other.L0 && L1 == other.L1 && L2 == other.L2 && L3 == other.L3;
    public override bool Equals(object? obj) => obj is Fp f && Equals(f);
    public override int GetHashCode() => HashCode.Combine(L0, L1, L2, L3);
    public static bool operator ==(in Fp a, in Fp b) => a.Equals(b);
    public static bool operator !=(in Fp a, in Fp b) => !a.Equals(b);
    public override string ToString() => ToBigInteger().ToString();
}
