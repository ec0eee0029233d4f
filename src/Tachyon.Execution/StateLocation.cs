using Tachyon.Core.Numerics;
using Tachyon.Core.Types;

namespace Tachyon.Execution;

internal enum LocationKind : byte
{
    /// <summary>Existence, nonce, balance and code hash of one account (code itself is immutable per hash).</summary>
    Account,
    /// <summary>One storage slot.</summary>
    Slot,
    /// <summary>"All storage of the account was dropped" (create over an address, self-destruct, EIP-161 delete).</summary>
    StorageClear,
}

/// <summary>A key of the multi-version memory.</summary>
internal readonly struct StateLocation : IEquatable<StateLocation>
{
    public readonly Address Address;
    public readonly UInt256 Slot;
    public readonly LocationKind Kind;

    private StateLocation(in Address address, in UInt256 slot, LocationKind kind)
    {
        Address = address;
        Slot = slot;
        Kind = kind;
    }

    public static StateLocation Account(in Address a) => new(a, default, LocationKind.Account);
    public static StateLocation StorageSlot(in Address a, in UInt256 slot) => new(a, slot, LocationKind.Slot);
    public static StateLocation Clear(in Address a) => new(a, default, LocationKind.StorageClear);

    public bool Equals(StateLocation o) => Kind == o.Kind && Address == o.Address && Slot == o.Slot;
    public override bool Equals(object? obj) => obj is StateLocation o && Equals(o);
    public override int GetHashCode() => HashCode.Combine(Address.GetHashCode(), Slot.U0, Slot.U1 ^ Slot.U2 ^ Slot.U3, (int)Kind);
}
