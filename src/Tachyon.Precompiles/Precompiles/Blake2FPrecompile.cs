using System.Buffers.Binary;
using Tachyon.Core.Types;
using Tachyon.Precompiles.Blake2;

namespace Tachyon.Precompiles;

/// <summary>0x09: the BLAKE2b F compression function (EIP-152). Input is exactly 213 bytes:
/// rounds (4, big-endian) | h (64) | m (128) | t0 (8) | t1 (8) | f (1, must be 0 or 1).</summary>
public sealed class Blake2FPrecompile : IPrecompile
{
    private const int InputLength = 213;

    public Address Address { get; } = PrecompileAddress.Of(0x09);

    /// <summary>One gas per round; malformed input costs nothing here because the call fails anyway
    /// (and then consumes all gas given to it).</summary>
    public long RequiredGas(ReadOnlySpan<byte> input) =>
        input.Length == InputLength ? BinaryPrimitives.ReadUInt32BigEndian(input) : 0;

    public bool TryRun(ReadOnlySpan<byte> input, out byte[] output)
    {
        output = [];
        if (input.Length != InputLength) return false;
        byte f = input[212];
        if (f > 1) return false;

        uint rounds = BinaryPrimitives.ReadUInt32BigEndian(input);
        Span<ulong> h = stackalloc ulong[8];
        Span<ulong> m = stackalloc ulong[16];
        Blake2bCompression.ReadWords(input.Slice(4, 64), h);
        Blake2bCompression.ReadWords(input.Slice(68, 128), m);
        ulong t0 = BinaryPrimitives.ReadUInt64LittleEndian(input[196..]);
        ulong t1 = BinaryPrimitives.ReadUInt64LittleEndian(input[204..]);

        Blake2bCompression.Compress(rounds, h, m, t0, t1, f == 1);

        output = new byte[64];
        for (int i = 0; i < 8; i++) BinaryPrimitives.WriteUInt64LittleEndian(output.AsSpan(8 * i), h[i]);
        return true;
    }
}
