using Tachyon.Core.Numerics;
using Tachyon.Core.Types;

namespace Tachyon.Evm.State;

/// <summary>The final value of one account after a transaction.</summary>
public sealed class AccountWrite
{
    public Address Address { get; init; }
    /// <summary>The account no longer exists (self-destructed, or an empty account that was touched).</summary>
    public bool Deleted { get; init; }
    /// <summary>
    /// Only from a reader with <see cref="IStateReader.SupportsDeferredCredits"/>: <see cref="Balance"/> is an
    /// amount added to the account (which exists afterwards); every other field is left as it was.
    /// </summary>
    public bool IsBalanceCredit { get; init; }
    public ulong Nonce { get; init; }
    public UInt256 Balance { get; init; }
    public Hash256 CodeHash { get; init; }
    /// <summary>Set only when the code changed in this transaction.</summary>
    public byte[]? Code { get; init; }
    /// <summary>The committed storage is to be dropped before <see cref="Storage"/> is applied (account re-created or deleted).</summary>
    public bool StorageCleared { get; init; }
    /// <summary>Slots written in the transaction with their final values (zero means delete).</summary>
    public List<KeyValuePair<UInt256, UInt256>> Storage { get; } = [];
}

/// <summary>What a transaction changed: produced by <see cref="ExecutionState.BuildWriteSet"/>, committed to an <see cref="IWorldState"/>.</summary>
public sealed class StateWriteSet
{
    public List<AccountWrite> Accounts { get; } = [];
}
