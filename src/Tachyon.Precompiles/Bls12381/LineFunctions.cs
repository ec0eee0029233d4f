namespace Tachyon.Precompiles.Bls12381;

/// <summary>A twist point in homogeneous projective coordinates (x = X/Z, y = Y/Z), as the Miller loop keeps it.</summary>
internal struct ProjectivePoint2(in Fp2 x, in Fp2 y, in Fp2 z)
{
    public Fp2 X = x, Y = y, Z = z;
}

/// <summary>
/// A Miller-loop line ℓ = C0 + (Cx·xP)·w² + (Cy·yP)·w³ before evaluation at P = (xP, yP). Lines
/// are the untwisted tangents/chords multiplied by w³ and scaled by factors in Fp2, which the
/// final exponentiation removes.
/// </summary>
internal readonly struct LineCoefficients(in Fp2 c0, in Fp2 cx, in Fp2 cy)
{
    public readonly Fp2 C0 = c0, Cx = cx, Cy = cy;
}

/// <summary>Doubling and addition steps of the Miller loop on the twist y² = x³ + b'.</summary>
internal static class LineFunctions
{
    /// <summary>
    /// T ← 2T, returning the tangent at T: (3b'Z² - Y²) + 3X²·xP·w² - 2YZ·yP·w³. The doubled
    /// point is scaled by 4 to avoid halving: X' = 2XY(Y² - 9b'Z²), Y' = (Y² + 9b'Z²)² - 108b'²Z⁴,
    /// Z' = 8Y³Z.
    /// </summary>
    public static LineCoefficients Double(ref ProjectivePoint2 t)
    {
        Fp2 b = Fp2.Square(t.Y);
        Fp2 c = Fp2.Square(t.Z);
        Fp2 e = Fp2.CurveB * (Fp2.Double(c) + c);           // 3b'Z²
        Fp2 f3 = Fp2.Double(e) + e;                         // 9b'Z²
        Fp2 h = Fp2.Square(t.Y + t.Z) - b - c;              // 2YZ
        Fp2 x2 = Fp2.Square(t.X);
        var line = new LineCoefficients(e - b, Fp2.Double(x2) + x2, -h);

        Fp2 xy = t.X * t.Y;
        Fp2 e2 = Fp2.Square(e);
        Fp2 e2x12 = Fp2.Double(Fp2.Double(Fp2.Double(e2) + e2));
        t.X = Fp2.Double(xy) * (b - f3);
        t.Y = Fp2.Square(b + f3) - e2x12;
        t.Z = Fp2.Double(Fp2.Double(b * h));
        return line;
    }

    /// <summary>
    /// T ← T + Q, returning the chord through T and Q. With θ = Y - yQ·Z and Λ = X - xQ·Z:
    /// ℓ = (θ·xQ - Λ·yQ) - θ·xP·w² + Λ·yP·w³.
    /// </summary>
    public static LineCoefficients Add(ref ProjectivePoint2 t, in AffinePoint<Fp2> q)
    {
        Fp2 theta = t.Y - q.Y * t.Z;
        Fp2 lambda = t.X - q.X * t.Z;
        var line = new LineCoefficients(theta * q.X - lambda * q.Y, -theta, lambda);

        Fp2 c = Fp2.Square(theta);
        Fp2 d = Fp2.Square(lambda);
        Fp2 e = lambda * d;
        Fp2 ff = t.Z * c;
        Fp2 g = t.X * d;
        Fp2 h = e + ff - Fp2.Double(g);
        t.X = lambda * h;
        t.Y = theta * (g - h) - e * t.Y;
        t.Z = t.Z * e;
        return line;
    }
}
