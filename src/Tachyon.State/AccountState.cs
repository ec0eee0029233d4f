using Tachyon.Core.Numerics;
using Tachyon.Core.Types;

namespace Tachyon.State;

/// <summary>An account as stored in the flat state: the four fields of the Ethereum account.</summary>
public readonly record struct AccountState(ulong Nonce, UInt256 Balance, Hash256 CodeHash, Hash256 StorageRoot)
{
    /// <summary>An account with no code and empty storage.</summary>
    public static AccountState Create(ulong nonce, in UInt256 balance) =>
        new(nonce, balance, Hash256.EmptyKeccak, Hash256.EmptyTrieRoot);

    public AccountState WithStorageRoot(in Hash256 root) => this with { StorageRoot = root };

    public TrieAccount ToTrieAccount() => new(Nonce, Balance, StorageRoot, CodeHash);

    public static AccountState From(in TrieAccount a) => new(a.Nonce, a.Balance, a.CodeHash, a.StorageRoot);
}
