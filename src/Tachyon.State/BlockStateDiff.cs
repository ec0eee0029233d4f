using Tachyon.Core.Numerics;
using Tachyon.Core.Types;

namespace Tachyon.State;

/// <summary>
/// The write-set of one block: final values of everything the block changed. Produced by the
/// executor (per-transaction write-sets merged); later writes to the same key overwrite earlier ones.
/// The StorageRoot field of accounts given here is ignored: the root stage computes it.
/// </summary>
public sealed class BlockStateDiff
{
    private readonly Dictionary<Address, AccountState?> _accounts = new();
    private readonly Dictionary<StorageKey, UInt256> _storage = new();
    private readonly Dictionary<Hash256, byte[]> _code = new();
    private readonly HashSet<Address> _wiped = new();

    /// <summary>Changed accounts; null means deleted.</summary>
    public IReadOnlyDictionary<Address, AccountState?> Accounts => _accounts;

    /// <summary>Changed slots; zero means deleted.</summary>
    public IReadOnlyDictionary<StorageKey, UInt256> Storage => _storage;

    public IReadOnlyDictionary<Hash256, byte[]> Code => _code;

    /// <summary>Accounts whose storage from before this block is dropped.</summary>
    public IReadOnlySet<Address> WipedStorage => _wiped;

    public int AccountCount => _accounts.Count;
    public int StorageCount => _storage.Count;

    public void SetAccount(in Address address, in AccountState account) => _accounts[address] = account;

    /// <summary>Deletes the account; its storage is wiped too.</summary>
    public void DeleteAccount(in Address address)
    {
        _accounts[address] = null;
        WipeStorage(address);
    }

    /// <summary>Sets a slot; zero deletes it.</summary>
    public void SetStorage(in Address address, in UInt256 slot, in UInt256 value) =>
        _storage[new StorageKey(address, slot)] = value;

    /// <summary>
    /// Drops all storage the account had before this block (self-destruct, creation over an old
    /// account), including slots set earlier in this diff; slots set after the call are kept.
    /// Storage writes must target accounts that exist at the end of the block.
    /// </summary>
    public void WipeStorage(in Address address)
    {
        if (!_wiped.Add(address)) return;
        // Slots written before the wipe in the same block are gone too.
        List<StorageKey>? drop = null;
        foreach (var k in _storage.Keys)
            if (k.Address == address) (drop ??= new()).Add(k);
        if (drop != null) foreach (var k in drop) _storage.Remove(k);
    }

    public void AddCode(in Hash256 codeHash, byte[] code) => _code[codeHash] = code;
}
