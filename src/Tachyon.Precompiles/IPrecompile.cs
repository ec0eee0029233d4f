using Tachyon.Core.Types;

namespace Tachyon.Precompiles;

/// A precompiled contract. Gas is computed before running; a failed run consumes all gas given to the call.
public interface IPrecompile
{
    Address Address { get; }

    /// Gas the call costs for this input (may exceed long range semantics: saturate at long.MaxValue).
    long RequiredGas(ReadOnlySpan<byte> input);

    /// Runs it. Returns false on invalid input (call fails, all gas consumed). Output may be empty.
    bool TryRun(ReadOnlySpan<byte> input, out byte[] output);
}
