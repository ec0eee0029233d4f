using Tachyon.Core.Types;
using Tachyon.Precompiles;

namespace Tachyon.Evm.Precompiles;

/// <summary>
/// Presents a precompile that has the <see cref="IPrecompile"/> shape (address, gas, run) but does not
/// declare the interface (the KZG and BLS12-381 classes) as an <see cref="IPrecompile"/>.
/// </summary>
internal sealed class PrecompileAdapter(Address address, PrecompileAdapter.GasFunction gas, PrecompileAdapter.RunFunction run) : IPrecompile
{
    public delegate long GasFunction(ReadOnlySpan<byte> input);
    public delegate bool RunFunction(ReadOnlySpan<byte> input, out byte[] output);

    public Address Address { get; } = address;

    public long RequiredGas(ReadOnlySpan<byte> input) => gas(input);

    public bool TryRun(ReadOnlySpan<byte> input, out byte[] output) => run(input, out output);
}
