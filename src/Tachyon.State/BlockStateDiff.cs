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
    internal readonly Dictionary<Address, AccountState?> Accounts = new();
    internal readonly Dictionary<StorageKey, UInt256> Storage = new();
    internal readonly Dictionary<Hash256, byte[]> Code = new();
    internal readonly HashSet<Address> WipedStorage = new();

    public int AccountCount => Accounts.Count;
    public int StorageCount => Storage.Count;

    public void SetAccount(in Address address, in AccountState account) => Accounts[address] = account;

    /// <summary>Deletes the account; its storage is wiped too.</summary>
    public void DeleteAccount(in Address address)
    {
        Accounts[address] = null;
        WipeStorage(address);
    }

    /// <summary>Sets a slot; zero deletes it.</summary>
    public void SetStorage(in Address address, in UInt256 slot, in UInt256 value) =>
        Storage[new StorageKey(address, slot)] = value;

    /// <summary>
    /// Drops all storage the account had before this block (self-destruct, creation over an old
    /// account). Slots set in this block, before or after the call, are kept: call it first.
    /// </summary>
    public void WipeStorage(in Address address)
    {
        if (!WipedStorage.Add(address)) return;
        // Slots written before the wipe in the same block are gone too.
        List<StorageKey>? drop = null;
        foreach (var k in Storage.Keys)
            if (k.Address == address) (drop ??= new()).Add(k);
        if (drop != null) foreach (var k in drop) Storage.Remove(k);
    }

    public void AddCode(in Hash256 codeHash, byte[] code) => Code[codeHash] = code;
}
