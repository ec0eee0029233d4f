using Tachyon.Core.Numerics;
using Tachyon.Core.Types;

namespace Tachyon.Evm.State;

/// <summary>The account fields that live in the account trie (the storage root is the store's business).</summary>
public readonly record struct AccountData(ulong Nonce, UInt256 Balance, Hash256 CodeHash)
{
    public bool IsEmpty => Nonce == 0 && Balance.IsZero && CodeHash == Hash256.EmptyKeccak;
}

/// <summary>
/// Read access to committed state, by location. Every read names exactly one location (an account,
/// a code blob, one storage slot), so an implementation can version reads: a RocksDB world state
/// answers from disk and caches, a Block-STM multi-version memory answers from the highest lower
/// transaction's write and records the read (location + version) for validation.
/// Readers see the state as of the start of the current transaction; the journal on top buffers
/// all writes until the transaction ends.
/// </summary>
public interface IStateReader
{
    /// <summary>False when the account does not exist.</summary>
    bool TryGetAccount(in Address address, out AccountData account);

    /// <summary>The code whose hash is <paramref name="codeHash"/> (owned by <paramref name="address"/>).</summary>
    byte[] GetCode(in Address address, in Hash256 codeHash);

    /// <summary>A committed storage slot (zero when absent).</summary>
    UInt256 GetStorage(in Address address, in UInt256 slot);

    /// <summary>True when the account has at least one non-zero storage slot (EIP-7610 create collision).</summary>
    bool HasStorage(in Address address);

    /// <summary>
    /// True when the reader accepts lazy balance credits: a credit to an account that the transaction
    /// never reads is published as a delta (<see cref="AccountWrite.IsBalanceCredit"/>) instead of a full
    /// write, so fee payments to the coinbase do not make every transaction of a block conflict
    /// (the Block-STM multi-version memory). Plain stores keep the default.
    /// </summary>
    bool SupportsDeferredCredits => false;

    /// <summary>
    /// The account's code hash (the empty-code hash when it does not exist). Only asked for with
    /// <see cref="SupportsDeferredCredits"/>, for a transaction's call target whose balance the
    /// transaction does not read: a versioning reader records a dependency on the code alone, so a
    /// plain transfer's credit to a shared recipient stays lazy and does not conflict.
    /// </summary>
    Hash256 GetCodeHash(in Address address) =>
        TryGetAccount(address, out AccountData account) ? account.CodeHash : Hash256.EmptyKeccak;
}

/// <summary>A store that transaction write-sets are committed to.</summary>
public interface IWorldState : IStateReader
{
    void Commit(StateWriteSet writes);
}
