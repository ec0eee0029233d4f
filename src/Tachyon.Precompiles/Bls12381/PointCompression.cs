namespace Tachyon.Precompiles.Bls12381;

/// <summary>
/// ZCash compressed encodings (48 bytes for G1, 96 for G2 with x = c1 ‖ c0). The top three
/// bits of the first byte are flags: 0x80 compressed, 0x40 infinity, 0x20 "y is the
/// lexicographically larger root". Decoding rejects every non-canonical form; it checks the
/// curve equation but not subgroup membership (callers decide).
/// </summary>
public static class PointCompression
{
    public const int G1Length = 48;
    public const int G2Length = 96;

    private const byte CompressedFlag = 0x80, InfinityFlag = 0x40, SignFlag = 0x20, FlagMask = 0xe0;

    public static bool TryDecompressG1(ReadOnlySpan<byte> input, out AffinePoint<Fp> point)
    {
        point = AffinePoint<Fp>.Infinity;
        if (input.Length != G1Length) return false;
        if (!TryReadFlags(input, out bool infinity, out bool sign)) return false;
        if (infinity) return true;

        Span<byte> xb = stackalloc byte[Fp.ByteLength];
        input.CopyTo(xb);
        xb[0] &= unchecked((byte)~FlagMask);
        if (!Fp.TryFromBytes(xb, out Fp x)) return false;
        if (!Fp.TrySqrt(x * Fp.Square(x) + Fp.CurveB, out Fp y)) return false;
        if (y.IsLexicographicallyLargest != sign) y = -y;
        point = new AffinePoint<Fp>(x, y);
        return true;
    }

    public static bool TryDecompressG2(ReadOnlySpan<byte> input, out AffinePoint<Fp2> point)
    {
        point = AffinePoint<Fp2>.Infinity;
        if (input.Length != G2Length) return false;
        if (!TryReadFlags(input, out bool infinity, out bool sign)) return false;
        if (infinity) return true;

        Span<byte> c1b = stackalloc byte[Fp.ByteLength];
        input[..Fp.ByteLength].CopyTo(c1b);
        c1b[0] &= unchecked((byte)~FlagMask);
        if (!Fp.TryFromBytes(c1b, out Fp c1) || !Fp.TryFromBytes(input[Fp.ByteLength..], out Fp c0)) return false;
        var x = new Fp2(c0, c1);
        if (!Fp2.TrySqrt(x * Fp2.Square(x) + Fp2.CurveB, out Fp2 y)) return false;
        if (y.IsLexicographicallyLargest != sign) y = -y;
        point = new AffinePoint<Fp2>(x, y);
        return true;
    }

    public static byte[] CompressG1(in AffinePoint<Fp> p)
    {
        var output = new byte[G1Length];
        if (p.IsInfinity)
        {
            output[0] = CompressedFlag | InfinityFlag;
            return output;
        }
        p.X.WriteBytes(output);
        output[0] |= (byte)(CompressedFlag | (p.Y.IsLexicographicallyLargest ? SignFlag : 0));
        return output;
    }

    public static byte[] CompressG2(in AffinePoint<Fp2> p)
    {
        var output = new byte[G2Length];
        if (p.IsInfinity)
        {
            output[0] = CompressedFlag | InfinityFlag;
            return output;
        }
        p.X.C1.WriteBytes(output);
        p.X.C0.WriteBytes(output.AsSpan(Fp.ByteLength));
        output[0] |= (byte)(CompressedFlag | (p.Y.IsLexicographicallyLargest ? SignFlag : 0));
        return output;
    }

    /// <summary>Compression bit must be set; infinity must be exactly 0xc0 followed by zeros.</summary>
    private static bool TryReadFlags(ReadOnlySpan<byte> input, out bool infinity, out bool sign)
    {
        byte b0 = input[0];
        infinity = (b0 & InfinityFlag) != 0;
        sign = (b0 & SignFlag) != 0;
        if ((b0 & CompressedFlag) == 0) return false;
        if (!infinity) return true;
        return !sign && (b0 & ~FlagMask) == 0 && !input[1..].ContainsAnyExcept((byte)0);
    }
}
