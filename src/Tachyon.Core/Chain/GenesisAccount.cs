using Tachyon.Core.Numerics;
using Tachyon.Core.Types;

namespace Tachyon.Core.Chain;

/// <summary>An account allocated at genesis. Storage maps 32-byte slot keys to 32-byte values.</summary>
public sealed class GenesisAccount
{
    public UInt256 Balance { get; init; }
    public ulong Nonce { get; init; }
    public ReadOnlyMemory<byte> Code { get; init; }
    public IReadOnlyDictionary<Hash256, Hash256> Storage { get; init; } = new Dictionary<Hash256, Hash256>();
}
