#!/usr/bin/env python3
"""Generates src/Tachyon.Core/Crypto/KeccakF1600.cs from the FIPS 202 step mappings.

Usage (from the repository root): python3 scripts/gen-keccak.py > src/Tachyon.Core/Crypto/KeccakF1600.cs

Lane (x, y) of the state is index x + 5y. One round (FIPS 202, section 3.2):
  theta: C[x] = A[x,0]^..^A[x,4];  D[x] = C[x-1] ^ rol(C[x+1], 1);  A[x,y] ^= D[x]
  rho:   A[x,y] = rol(A[x,y], R[x][y])
  pi:    B[y, 2x+3y] = A[x,y]                       (pure renaming of locals, no data movement)
  chi:   A[x,y] = B[x,y] ^ (~B[x+1,y] & B[x+2,y])
  iota:  A[0,0] ^= RC[round]
"""

# Rotation offsets R[x][y] (FIPS 202, table 2).
R = [[0, 36, 3, 41, 18],
     [1, 44, 10, 45, 2],
     [62, 6, 43, 15, 61],
     [28, 55, 25, 21, 56],
     [27, 20, 39, 8, 14]]


def rc(t):
    """The LFSR bit rc(t) of FIPS 202, algorithm 5."""
    if t % 255 == 0:
        return 1
    r = 0x80  # R = 10000000, bit 0 is the leftmost
    for _ in range(t % 255):
        r0 = r & 1  # R[7]
        r >>= 1
        if r0:
            r ^= 0x8E  # R[0] ^= R8, R[4] ^= R8, R[5] ^= R8, R[6] ^= R8
    return (r >> 7) & 1


def round_constant(ir):
    v = 0
    for j in range(7):
        if rc(j + 7 * ir):
            v |= 1 << ((1 << j) - 1)
    return v


RC = [round_constant(i) for i in range(24)]
assert RC[0] == 1 and RC[1] == 0x8082 and RC[23] == 0x8000000080008008


def a(x, y): return f"a{x}{y}"
def b(x, y): return f"b{x}{y}"


def lanes():  # state order: index x + 5y
    for y in range(5):
        for x in range(5):
            yield x, y


def pi_source(nx, ny):
    """The (x, y) whose lane lands on B[nx, ny]: nx = y, ny = 2x + 3y."""
    return next(x for x in range(5) if (2 * x + 3 * nx) % 5 == ny), nx


out = []
def w(s=""): out.append(s)


def scalar_round(p):
    rol = lambda v, n: f"BitOperations.RotateLeft({v}, {n})"
    w(f"{p}// theta: column parities")
    for x in range(5):
        w(f"{p}ulong c{x} = {a(x,0)} ^ {a(x,1)} ^ {a(x,2)} ^ {a(x,3)} ^ {a(x,4)};")
    w(f"{p}// theta + rho + pi, one column at a time (keeps few D values live)")
    for x in range(5):
        w(f"{p}ulong d{x} = c{(x + 4) % 5} ^ {rol(f'c{(x + 1) % 5}', 1)};")
        for y in range(5):
            v = f"{a(x, y)} ^ d{x}"
            if R[x][y]:
                v = rol(v, R[x][y])
            w(f"{p}ulong {b(y, (2 * x + 3 * y) % 5)} = {v};")
    w(f"{p}// chi (the JIT emits andn for ~b & c)")
    for y in range(5):
        for x in range(5):
            w(f"{p}{a(x,y)} = {b(x,y)} ^ (~{b((x+1)%5,y)} & {b((x+2)%5,y)});")
    w(f"{p}// iota")
    w(f"{p}a00 ^= Unsafe.Add(ref rc, round);")


def avx512_round(p):
    tern = lambda u, v, t, op: f"Avx512F.VL.TernaryLogic({u}, {v}, {t}, {op})"
    rol = lambda v, n: f"Avx512F.VL.RotateLeft({v}, {n})"
    V = "Vector128<ulong>"
    w(f"{p}// theta: column parities, two vpternlogq per column")
    for x in range(5):
        w(f"{p}{V} c{x} = {tern(tern(a(x,0), a(x,1), a(x,2), 'Xor3'), a(x,3), a(x,4), 'Xor3')};")
    w(f"{p}// theta: A[x,y] ^= C[x-1] ^ rol(C[x+1], 1) as one vpternlogq per lane, in the order rho/chi consume them")
    for x in range(5):
        w(f"{p}{V} r{x} = {rol(f'c{(x + 1) % 5}', 1)};")
    for ny in range(5):
        for nx in range(5):
            x, y = pi_source(nx, ny)
            w(f"{p}{a(x,y)} = {tern(a(x,y), f'c{(x + 4) % 5}', f'r{x}', 'Xor3')};")
    w(f"{p}// rho + pi (renaming), row by row")
    for ny in range(5):
        for nx in range(5):
            x, y = pi_source(nx, ny)
            v = rol(a(x, y), R[x][y]) if R[x][y] else a(x, y)
            w(f"{p}{V} {b(nx, ny)} = {v};")
    w(f"{p}// chi: one vpternlogq per lane")
    for y in range(5):
        for x in range(5):
            w(f"{p}{a(x,y)} = {tern(b(x,y), b((x+1)%5,y), b((x+2)%5,y), 'Chi')};")
    w(f"{p}// iota")
    w(f"{p}a00 ^= Vector128.CreateScalarUnsafe(Unsafe.Add(ref rc, round));")


def method(flavor, absorb):
    vec = flavor == "avx512"
    T = "Vector128<ulong>" if vec else "ulong"
    suffix = "Avx512" if vec else "Scalar"
    if absorb:
        w("    // Absorbs blockCount (>= 1) whole blocks, keeping the state in locals between them.")
        w(f"    private static void AbsorbBlocks{suffix}(ref ulong s, ref byte data, nuint blockCount)")
    else:
        w(f"    private static void Permute{suffix}(ref ulong s)")
    w("    {")
    w("        ref ulong rc = ref MemoryMarshal.GetReference(RoundConstants);")
    for x, y in lanes():
        src = f"Unsafe.Add(ref s, {x + 5 * y})"
        w(f"        {T} {a(x,y)} = {f'Vector128.CreateScalarUnsafe({src})' if vec else src};")
    ind = "        "
    if absorb:
        w("        do")
        w("        {")
        for x, y in lanes():
            i = x + 5 * y
            if i >= 17:
                break
            src = f"Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref data, {8 * i}))"
            w(f"            {a(x,y)} ^= {f'Vector128.CreateScalarUnsafe({src})' if vec else src};")
        ind = "            "
    w(f"{ind}for (nint round = 0; round < 24; round++)")
    w(f"{ind}{{")
    (avx512_round if vec else scalar_round)(ind + "    ")
    w(f"{ind}}}")
    if absorb:
        w("            data = ref Unsafe.Add(ref data, Rate);")
        w("        }")
        w("        while (--blockCount != 0);")
    for x, y in lanes():
        w(f"        Unsafe.Add(ref s, {x + 5 * y}) = {a(x,y)}{'.ToScalar()' if vec else ''};")
    w("    }")


HEADER = '''// <auto-generated>
// Generated by scripts/gen-keccak.py from the FIPS 202 step mappings; edit the generator, not this file.
// </auto-generated>
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Tachyon.Core.Crypto;

/// <summary>
/// The Keccak-f[1600] permutation, unrolled over 25 lane locals so the JIT keeps the state in registers.
/// Two implementations of the same dataflow: scalar (general-purpose registers; the JIT spills some lanes)
/// and, where AVX-512VL is available, one lane per vector register (32 of them: no spills), with
/// vpternlogq for theta's 3-way XORs and for chi, and vprolq for the rotations.
/// Multi-block absorption keeps the state in registers between blocks.
/// </summary>
[SkipLocalsInit]
internal static class KeccakF1600
{
    /// <summary>The sponge rate used by <see cref="AbsorbBlocks"/> (Keccak-256: 1600 - 2*256 bits = 136 bytes).</summary>
    public const int Rate = 136;

    private const byte Xor3 = 0x96; // vpternlogq truth table of a ^ b ^ c
    private const byte Chi = 0xD2;  // vpternlogq truth table of a ^ (~b & c)

    private static ReadOnlySpan<ulong> RoundConstants =>
    [
{RC}
    ];

    /// <summary>True when the AVX-512 implementation is in use.</summary>
    public static bool IsVectorized => Avx512F.VL.IsSupported;

    /// <summary>Applies Keccak-f[1600] to the 25-lane state in place.</summary>
    public static void Permute(Span<ulong> state)
    {
        ref ulong s = ref StateRef(state);
        if (Avx512F.VL.IsSupported) PermuteAvx512(ref s);
        else PermuteScalar(ref s);
    }

    /// <summary>
    /// Absorbs every whole <see cref="Rate"/>-byte block of <paramref name="data"/> (little-endian lanes):
    /// XOR into the state, permute. Returns the number of bytes consumed.
    /// </summary>
    public static int AbsorbBlocks(Span<ulong> state, ReadOnlySpan<byte> data)
    {
        ref ulong s = ref StateRef(state);
        int blocks = data.Length / Rate;
        if (blocks == 0) return 0;
        if (!BitConverter.IsLittleEndian) AbsorbBlocksPortable(ref s, data[..(blocks * Rate)]);
        else if (Avx512F.VL.IsSupported) AbsorbBlocksAvx512(ref s, ref MemoryMarshal.GetReference(data), (nuint)blocks);
        else AbsorbBlocksScalar(ref s, ref MemoryMarshal.GetReference(data), (nuint)blocks);
        return blocks * Rate;
    }

    /// <summary>The portable implementation (also the reference the vector one is tested against).</summary>
    internal static void PermuteScalar(Span<ulong> state) => PermuteScalar(ref StateRef(state));

    /// <summary>The AVX-512VL implementation; only where <see cref="IsVectorized"/>.</summary>
    internal static void PermuteAvx512(Span<ulong> state)
    {
        if (!Avx512F.VL.IsSupported) throw new PlatformNotSupportedException();
        PermuteAvx512(ref StateRef(state));
    }

    /// <summary><see cref="AbsorbBlocks"/> forced onto the scalar implementation (little-endian hosts; for tests).</summary>
    internal static int AbsorbBlocksScalar(Span<ulong> state, ReadOnlySpan<byte> data)
    {
        ref ulong s = ref StateRef(state);
        int blocks = data.Length / Rate;
        if (blocks > 0) AbsorbBlocksScalar(ref s, ref MemoryMarshal.GetReference(data), (nuint)blocks);
        return blocks * Rate;
    }

    /// <summary><see cref="AbsorbBlocks"/> forced onto the AVX-512VL implementation (for tests).</summary>
    internal static int AbsorbBlocksAvx512(Span<ulong> state, ReadOnlySpan<byte> data)
    {
        if (!Avx512F.VL.IsSupported) throw new PlatformNotSupportedException();
        ref ulong s = ref StateRef(state);
        int blocks = data.Length / Rate;
        if (blocks > 0) AbsorbBlocksAvx512(ref s, ref MemoryMarshal.GetReference(data), (nuint)blocks);
        return blocks * Rate;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref ulong StateRef(Span<ulong> state)
    {
        if (state.Length < 25) ThrowStateTooShort();
        return ref MemoryMarshal.GetReference(state);
    }

    private static void ThrowStateTooShort() => throw new ArgumentException("Keccak state needs 25 lanes", "state");

    private static void AbsorbBlocksPortable(ref ulong s, ReadOnlySpan<byte> data)
    {
        for (; !data.IsEmpty; data = data[Rate..])
        {
            for (int i = 0; i < Rate / 8; i++)
                Unsafe.Add(ref s, i) ^= BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(i * 8, 8));
            PermuteScalar(ref s);
        }
    }
'''

rc_lines = "\n".join("        " + " ".join(f"0x{c:016x}UL," for c in RC[i:i + 4]) for i in range(0, 24, 4))
w(HEADER.replace("{RC}", rc_lines).rstrip("\n"))
w()
method("scalar", False); w()
method("scalar", True); w()
method("avx512", False); w()
method("avx512", True)
w("}")
print("\n".join(out))
