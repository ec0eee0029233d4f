using Tachyon.Core.Numerics;
using Tachyon.Core.Types;
using Tachyon.Evm.State;
using Tachyon.State;

namespace Tachyon.Sequencer.Execution;

/// <summary>The EVM's read interface over a LayeredState view of one block.</summary>
/// <remarks>
/// <see cref="HasStorage"/> (EIP-7610 create collisions only) relies on the account's storage root,
/// which a block's layer knows only once the root stage has hashed it; before that it may say false.
/// </remarks>
internal sealed class StateViewReader(IStateView view) : IStateReader
{
    public IStateView View => view;

    public bool TryGetAccount(in Address address, out AccountData account)
    {
        if (view.TryGetAccount(address, out AccountState a))
        {
            account = new AccountData(a.Nonce, a.Balance, a.CodeHash);
            return true;
        }
        account = default;
        return false;
    }

    public byte[] GetCode(in Address address, in Hash256 codeHash) =>
        codeHash == Hash256.EmptyKeccak ? [] : view.TryGetCode(codeHash, out byte[] code) ? code : [];

    public UInt256 GetStorage(in Address address, in UInt256 slot) => view.GetStorage(address, slot);

    public bool HasStorage(in Address address) =>
        view.TryGetAccount(address, out AccountState a) && a.StorageRoot != Hash256.EmptyTrieRoot;
}
