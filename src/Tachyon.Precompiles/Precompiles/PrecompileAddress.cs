using Tachyon.Core.Types;

namespace Tachyon.Precompiles;

internal static class PrecompileAddress
{
    /// <summary>The address 0x00..00NN.</summary>
    public static Address Of(byte lastByte)
    {
        Span<byte> b = stackalloc byte[Address.Size];
        b[^1] = lastByte;
        return new Address(b);
    }
}
