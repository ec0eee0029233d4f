using Tachyon.Core.Types;

namespace Tachyon.State.Trie;

/// <summary>
/// The account records a block left, with the storage roots the root stage computed: the block's
/// own records (whose storage-root field is not meaningful) plus a root per surviving account,
/// and whole records only for accounts the block touched through storage alone. A second
/// dictionary of full 112-byte records per updated account was the root stage's largest
/// allocation left. <paramref name="given"/> must not change afterwards.
/// </summary>
internal sealed class ResolvedAccounts(
    IReadOnlyDictionary<Address, AccountState?> given,
    Dictionary<Address, Hash256> storageRoots,
    Dictionary<Address, AccountState> storageOnly) : IEnumerable<KeyValuePair<Address, AccountState?>>
{
    public int Count => given.Count + storageOnly.Count;

    public bool TryGetValue(in Address address, out AccountState? account)
    {
        if (given.TryGetValue(address, out var g))
        {
            account = g is { } a ? a.WithStorageRoot(storageRoots[address]) : null;
            return true;
        }
        if (storageOnly.TryGetValue(address, out var s))
        {
            account = s;
            return true;
        }
        account = null;
        return false;
    }

    public AccountState? this[in Address address] =>
        TryGetValue(address, out var a) ? a : throw new KeyNotFoundException($"account {address} was not touched");

    public IEnumerator<KeyValuePair<Address, AccountState?>> GetEnumerator()
    {
        foreach (var (address, g) in given)
            yield return new(address, g is { } a ? a.WithStorageRoot(storageRoots[address]) : null);
        foreach (var (address, s) in storageOnly) yield return new(address, s);
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
