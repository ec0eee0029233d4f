using Tachyon.Core.Numerics;
using Tachyon.Core.Types;

namespace Tachyon.State;

/// <summary>Read access to the world state as of the end of one block. Point lookups only.</summary>
public interface IStateView
{
    ulong BlockNumber { get; }

    bool TryGetAccount(in Address address, out AccountState account);

    /// <summary>Zero when the slot is unset.</summary>
    UInt256 GetStorage(in Address address, in UInt256 slot);

    bool TryGetCode(in Hash256 codeHash, out byte[] code);
}
