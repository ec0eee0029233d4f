namespace Tachyon.Precompiles.Bls12381;

/// <summary>
/// A G2 point with its Miller-loop lines computed once, for points that are paired again and
/// again (the KZG setup point and the generator): each later pairing skips all G2 arithmetic.
/// </summary>
public sealed class G2Prepared
{
    public AffinePoint<Fp2> Point { get; }

    public bool IsInfinity => Point.IsInfinity;

    internal LineCoefficients[] Lines { get; }

    public G2Prepared(in AffinePoint<Fp2> q)
    {
        Point = q;
        Lines = new LineCoefficients[Pairing.LineCount];
        if (q.IsInfinity) return;
        var t = new ProjectivePoint2(q.X, q.Y, Fp2.One);
        int line = 0;
        for (int bit = 62; bit >= 0; bit--)
        {
            Lines[line++] = LineFunctions.Double(ref t);
            if (((Bls12381Constants.AbsX >> bit) & 1) != 0) Lines[line++] = LineFunctions.Add(ref t, q);
        }
    }
}
