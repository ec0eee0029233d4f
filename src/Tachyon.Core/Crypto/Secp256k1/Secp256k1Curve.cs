using Tachyon.Core.Numerics;

namespace Tachyon.Core.Crypto;

/// <summary>Curve constants and range checks on big-endian 32-byte scalars.</summary>
public static class Secp256k1Curve
{
    /// <summary>The group order n, big-endian.</summary>
    public static ReadOnlySpan<byte> OrderBytes =>
    [
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE,
        0xBA, 0xAE, 0xDC, 0xE6, 0xAF, 0x48, 0xA0, 0x3B, 0xBF, 0xD2, 0x5E, 0x8C, 0xD0, 0x36, 0x41, 0x41,
    ];

    /// <summary>n / 2 (rounded down), big-endian: the largest s a transaction may carry (EIP-2).</summary>
    public static ReadOnlySpan<byte> HalfOrderBytes =>
    [
        0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0x5D, 0x57, 0x6E, 0x73, 0x57, 0xA4, 0x50, 0x1D, 0xDF, 0xE9, 0x2F, 0x46, 0x68, 0x1B, 0x20, 0xA0,
    ];

    public static readonly UInt256 Order = UInt256.FromBigEndian(OrderBytes);
    public static readonly UInt256 HalfOrder = UInt256.FromBigEndian(HalfOrderBytes);

    /// <summary>True for a scalar in [1, n-1] (valid r, s, or private key).</summary>
    public static bool IsValidScalar(ReadOnlySpan<byte> scalar32) =>
        scalar32.Length == 32 && scalar32.ContainsAnyExcept((byte)0) && scalar32.SequenceCompareTo(OrderBytes) < 0;

    public static bool IsValidScalar(in UInt256 value) => !value.IsZero && value < Order;

    /// <summary>True for s in [1, n/2]: the EIP-2 rule for transaction signatures.</summary>
    public static bool IsLowS(in UInt256 s) => !s.IsZero && s <= HalfOrder;
}
