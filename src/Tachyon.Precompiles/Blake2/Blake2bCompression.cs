using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Tachyon.Precompiles.Blake2;

/// <summary>The BLAKE2b compression function F (RFC 7693 §3.2) with a caller-chosen round count,
/// as EIP-152 exposes it.</summary>
internal static class Blake2bCompression
{
    private static readonly ulong[] IV =
    [
        0x6a09e667f3bcc908UL, 0xbb67ae8584caa73bUL, 0x3c6ef372fe94f82bUL, 0xa54ff53a5f1d36f1UL,
        0x510e527fade682d1UL, 0x9b05688c2b3e6c1fUL, 0x1f83d9abfb41bd6bUL, 0x5be0cd19137e2179UL,
    ];

    // Message schedule: round i uses Sigma[i % 10].
    private static readonly byte[] Sigma =
    [
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
        14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3,
        11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4,
        7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8,
        9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13,
        2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9,
        12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11,
        13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10,
        6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5,
        10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0,
    ];

    /// <summary>Compresses: h (8 words) is updated in place from message block m (16 words),
    /// offset counters t0/t1 and the final-block flag.</summary>
    public static void Compress(uint rounds, Span<ulong> h, ReadOnlySpan<ulong> m, ulong t0, ulong t1, bool final)
    {
        Span<ulong> v = stackalloc ulong[16];
        h[..8].CopyTo(v);
        IV.AsSpan().CopyTo(v[8..]);
        v[12] ^= t0;
        v[13] ^= t1;
        if (final) v[14] = ~v[14];

        ReadOnlySpan<byte> sigma = Sigma;
        for (uint i = 0; i < rounds; i++)
        {
            ReadOnlySpan<byte> s = sigma.Slice((int)(i % 10) * 16, 16);
            G(v, 0, 4, 8, 12, m[s[0]], m[s[1]]);
            G(v, 1, 5, 9, 13, m[s[2]], m[s[3]]);
            G(v, 2, 6, 10, 14, m[s[4]], m[s[5]]);
            G(v, 3, 7, 11, 15, m[s[6]], m[s[7]]);
            G(v, 0, 5, 10, 15, m[s[8]], m[s[9]]);
            G(v, 1, 6, 11, 12, m[s[10]], m[s[11]]);
            G(v, 2, 7, 8, 13, m[s[12]], m[s[13]]);
            G(v, 3, 4, 9, 14, m[s[14]], m[s[15]]);
        }

        for (int i = 0; i < 8; i++) h[i] ^= v[i] ^ v[i + 8];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void G(Span<ulong> v, int a, int b, int c, int d, ulong x, ulong y)
    {
        ulong va = v[a], vb = v[b], vc = v[c], vd = v[d];
        va = va + vb + x;
        vd = BitOperations.RotateRight(vd ^ va, 32);
        vc += vd;
        vb = BitOperations.RotateRight(vb ^ vc, 24);
        va = va + vb + y;
        vd = BitOperations.RotateRight(vd ^ va, 16);
        vc += vd;
        vb = BitOperations.RotateRight(vb ^ vc, 63);
        v[a] = va; v[b] = vb; v[c] = vc; v[d] = vd;
    }

    /// <summary>Reads little-endian 64-bit words.</summary>
    public static void ReadWords(ReadOnlySpan<byte> src, Span<ulong> dst)
    {
        for (int i = 0; i < dst.Length; i++) dst[i] = BinaryPrimitives.ReadUInt64LittleEndian(src[(8 * i)..]);
    }
}
