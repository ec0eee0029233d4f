using System.Security.Cryptography;
using Tachyon.Core.Types;

namespace Tachyon.Precompiles;

/// <summary>0x02: SHA-256 of the input (yellow paper appendix E).</summary>
public sealed class Sha256Precompile : IPrecompile
{
    public Address Address { get; } = PrecompileAddress.Of(0x02);

    public long RequiredGas(ReadOnlySpan<byte> input) => PrecompileGas.Linear(input.Length, 60, 12);

    public bool TryRun(ReadOnlySpan<byte> input, out byte[] output)
    {
        output = SHA256.HashData(input);
        return true;
    }
}
