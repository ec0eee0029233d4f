namespace Tachyon.Precompiles.Bls12381;

/// <summary>
/// EIP-2537 encodings: an Fp element is 64 big-endian bytes whose top 16 are zero and whose
/// value is below p; Fp2 is c0 ‖ c1; a point is x ‖ y, with all-zero bytes for infinity.
/// Decoding checks the curve equation; subgroup checks are the caller's (ADD skips them).
/// </summary>
public static class Eip2537Codec
{
    public const int FpLength = 64;
    public const int Fp2Length = 128;
    public const int G1Length = 128;
    public const int G2Length = 256;
    public const int ScalarLength = 32;
    private const int Padding = FpLength - Fp.ByteLength;

    public static bool TryDecodeFp(ReadOnlySpan<byte> input, out Fp value)
    {
        value = default;
        if (input.Length != FpLength || input[..Padding].ContainsAnyExcept((byte)0)) return false;
        return Fp.TryFromBytes(input[Padding..], out value);
    }

    public static bool TryDecodeFp2(ReadOnlySpan<byte> input, out Fp2 value)
    {
        value = default;
        if (input.Length != Fp2Length) return false;
        if (!TryDecodeFp(input[..FpLength], out Fp c0) || !TryDecodeFp(input[FpLength..], out Fp c1)) return false;
        value = new Fp2(c0, c1);
        return true;
    }

    public static bool TryDecodeG1(ReadOnlySpan<byte> input, out AffinePoint<Fp> point)
    {
        point = AffinePoint<Fp>.Infinity;
        if (input.Length != G1Length) return false;
        if (!TryDecodeFp(input[..FpLength], out Fp x) || !TryDecodeFp(input[FpLength..], out Fp y)) return false;
        if (x.IsZero && y.IsZero) return true;
        point = new AffinePoint<Fp>(x, y);
        return point.IsOnCurve;
    }

    public static bool TryDecodeG2(ReadOnlySpan<byte> input, out AffinePoint<Fp2> point)
    {
        point = AffinePoint<Fp2>.Infinity;
        if (input.Length != G2Length) return false;
        if (!TryDecodeFp2(input[..Fp2Length], out Fp2 x) || !TryDecodeFp2(input[Fp2Length..], out Fp2 y)) return false;
        if (x.IsZero && y.IsZero) return true;
        point = new AffinePoint<Fp2>(x, y);
        return point.IsOnCurve;
    }

    public static void EncodeFp(in Fp value, Span<byte> output)
    {
        output[..Padding].Clear();
        value.WriteBytes(output[Padding..FpLength]);
    }

    public static byte[] EncodeG1(in AffinePoint<Fp> p)
    {
        var output = new byte[G1Length];
        if (p.IsInfinity) return output;
        EncodeFp(p.X, output);
        EncodeFp(p.Y, output.AsSpan(FpLength));
        return output;
    }

    public static byte[] EncodeG2(in AffinePoint<Fp2> p)
    {
        var output = new byte[G2Length];
        if (p.IsInfinity) return output;
        EncodeFp(p.X.C0, output);
        EncodeFp(p.X.C1, output.AsSpan(FpLength));
        EncodeFp(p.Y.C0, output.AsSpan(2 * FpLength));
        EncodeFp(p.Y.C1, output.AsSpan(3 * FpLength));
        return output;
    }
}
