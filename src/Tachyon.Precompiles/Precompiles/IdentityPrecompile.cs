using Tachyon.Core.Types;

namespace Tachyon.Precompiles;

/// <summary>0x04: returns its input.</summary>
public sealed class IdentityPrecompile : IPrecompile
{
    public Address Address { get; } = PrecompileAddress.Of(0x04);

    public long RequiredGas(ReadOnlySpan<byte> input) => PrecompileGas.Linear(input.Length, 15, 3);

    public bool TryRun(ReadOnlySpan<byte> input, out byte[] output)
    {
        output = input.ToArray();
        return true;
    }
}
