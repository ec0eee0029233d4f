using Tachyon.Core.Types;

namespace Tachyon.Precompiles;

/// <summary>Precompile addresses are small numbers: 0x00..00NN (0x01..0x11) and 0x0100 (RIP-7212).</summary>
public static class PrecompileAddress
{
    /// <summary>The address whose value is <paramref name="number"/> (big-endian in the last two bytes).</summary>
    public static Address Of(ushort number)
    {
        Span<byte> b = stackalloc byte[Address.Size];
        b.Clear();
        b[^2] = (byte)(number >> 8);
        b[^1] = (byte)number;
        return new Address(b);
    }
}
