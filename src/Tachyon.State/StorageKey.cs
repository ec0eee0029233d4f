using Tachyon.Core.Numerics;
using Tachyon.Core.Types;

namespace Tachyon.State;

/// <summary>(address, slot): the dictionary key for one storage cell.</summary>
public readonly struct StorageKey(Address address, UInt256 slot) : IEquatable<StorageKey>
{
    public readonly Address Address = address;
    public readonly UInt256 Slot = slot;

    public bool Equals(StorageKey other) => Address.Equals(other.Address) &&
        Slot.U0 == other.Slot.U0 && Slot.U1 == other.Slot.U1 && Slot.U2 == other.Slot.U2 && Slot.U3 == other.Slot.U3;

    public override bool Equals(object? obj) => obj is StorageKey k && Equals(k);

    public override int GetHashCode() => HashCode.Combine(Address.GetHashCode(), Slot.U0, Slot.U1 ^ Slot.U2 ^ Slot.U3);
}
