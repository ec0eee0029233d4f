namespace Tachyon.Precompiles.Bn254;

internal static class Bn254Input
{
    /// <summary>EIP-196 inputs are virtually right-padded with zeros; bytes past the fixed size are ignored.</summary>
    public static void CopyPadded(ReadOnlySpan<byte> input, Span<byte> dst)
    {
        dst.Clear();
        (input.Length > dst.Length ? input[..dst.Length] : input).CopyTo(dst);
    }
}
