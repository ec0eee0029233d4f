namespace Tachyon.Precompiles.Bls12381;

public readonly partial struct Fp
{
    // R³ mod p (Montgomery form of R²): converts the plain inverse of a·R into a⁻¹·R.
    private static Fp RCubed => new(0xed48ac6bd94ca1e0, 0x315f831e03a7adf8, 0x9a53352a615e29dd,
        0x34c04e5e921e1761, 0x2512d43565724728, 0x0aa6346091755d4d);

    /// <summary>
    /// Multiplicative inverse by the binary extended Euclidean algorithm (variable time; inputs
    /// are public), several times faster than a^(p-2). The inverse of zero is zero.
    /// </summary>
    public static Fp Inverse(in Fp a)
    {
        if (a.IsZero) return Zero;
        // Invariants: x1·A ≡ u and x2·A ≡ v (mod p), where A = a·2^384 is the stored value.
        Span<ulong> u = [a.L0, a.L1, a.L2, a.L3, a.L4, a.L5];
        Span<ulong> v = [P0, P1, P2, P3, P4, P5];
        Span<ulong> x1 = [1, 0, 0, 0, 0, 0];
        Span<ulong> x2 = [0, 0, 0, 0, 0, 0];
        while (!IsOneLimbs(u) && !IsOneLimbs(v))
        {
            while ((u[0] & 1) == 0)
            {
                ShiftRight1(u);
                HalveModP(x1);
            }
            while ((v[0] & 1) == 0)
            {
                ShiftRight1(v);
                HalveModP(x2);
            }
            if (CompareLimbs(u, v) >= 0)
            {
                SubLimbs(u, v);
                SubModP(x1, x2);
            }
            else
            {
                SubLimbs(v, u);
                SubModP(x2, x1);
            }
        }
        Span<ulong> r = IsOneLimbs(u) ? x1 : x2;
        // r = A⁻¹ = a⁻¹·2^-384; Montgomery-multiplying by R³ gives a⁻¹·2^384.
        return Mul(new Fp(r[0], r[1], r[2], r[3], r[4], r[5]), RCubed);
    }

    /// <summary>Reference inverse a^(p-2), kept for cross-checking.</summary>
    internal static Fp InverseByFermat(in Fp a) => Pow(a, PMinus2);

    private static bool IsOneLimbs(ReadOnlySpan<ulong> x) => x[0] == 1 && (x[1] | x[2] | x[3] | x[4] | x[5]) == 0;

    private static void ShiftRight1(Span<ulong> x)
    {
        for (int i = 0; i < 5; i++) x[i] = (x[i] >> 1) | (x[i + 1] << 63);
        x[5] >>= 1;
    }

    private static int CompareLimbs(ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> y)
    {
        for (int i = 5; i >= 0; i--)
            if (x[i] != y[i]) return x[i] > y[i] ? 1 : -1;
        return 0;
    }

    private static void SubLimbs(Span<ulong> x, ReadOnlySpan<ulong> y)
    {
        ulong borrow = 0;
        for (int i = 0; i < 6; i++) x[i] = SubB(x[i], y[i], ref borrow);
    }

    // x ← x/2 mod p for x < p: odd x becomes (x + p)/2, which stays below 2^382.
    private static void HalveModP(Span<ulong> x)
    {
        if ((x[0] & 1) != 0)
        {
            ulong c = 0;
            x[0] = AddC(x[0], P0, ref c); x[1] = AddC(x[1], P1, ref c); x[2] = AddC(x[2], P2, ref c);
            x[3] = AddC(x[3], P3, ref c); x[4] = AddC(x[4], P4, ref c); x[5] = AddC(x[5], P5, ref c);
        }
        ShiftRight1(x);
    }

    // x ← x - y mod p for x, y < p.
    private static void SubModP(Span<ulong> x, ReadOnlySpan<ulong> y)
    {
        ulong borrow = 0;
        for (int i = 0; i < 6; i++) x[i] = SubB(x[i], y[i], ref borrow);
        if (borrow == 0) return;
        ulong c = 0;
        x[0] = AddC(x[0], P0, ref c); x[1] = AddC(x[1], P1, ref c); x[2] = AddC(x[2], P2, ref c);
        x[3] = AddC(x[3], P3, ref c); x[4] = AddC(x[4], P4, ref c); x[5] = AddC(x[5], P5, ref c);
    }
}
