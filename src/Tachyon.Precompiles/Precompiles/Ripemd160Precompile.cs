using Org.BouncyCastle.Crypto.Digests;
using Tachyon.Core.Types;

namespace Tachyon.Precompiles;

/// <summary>0x03: RIPEMD-160 of the input, left-padded with zeros to a 32-byte word.</summary>
public sealed class Ripemd160Precompile : IPrecompile
{
    public Address Address { get; } = PrecompileAddress.Of(0x03);

    public long RequiredGas(ReadOnlySpan<byte> input) => PrecompileGas.Linear(input.Length, 600, 120);

    public bool TryRun(ReadOnlySpan<byte> input, out byte[] output)
    {
        // The digest keeps state, so each call gets its own (the precompile may run on several threads).
        var digest = new RipeMD160Digest();
        digest.BlockUpdate(input);
        output = new byte[32];
        digest.DoFinal(output.AsSpan(12));
        return true;
    }
}
