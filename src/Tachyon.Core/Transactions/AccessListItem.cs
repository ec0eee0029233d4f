using Tachyon.Core.Types;

namespace Tachyon.Core.Transactions;

/// <summary>One EIP-2930 access list entry: an address and the storage keys to pre-warm.</summary>
public sealed record AccessListItem(Address Address, IReadOnlyList<Hash256> StorageKeys)
{
    public AccessListItem(Address address) : this(address, Array.Empty<Hash256>()) { }
}
