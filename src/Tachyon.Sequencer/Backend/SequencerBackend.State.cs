using Tachyon.Core.Numerics;
using Tachyon.Core.Types;
using Tachyon.Evm.State;
using Tachyon.Rpc.Backend;
using Tachyon.Rpc.Json;
using Tachyon.Sequencer.Execution;
using Tachyon.State;

namespace Tachyon.Sequencer.Backend;

internal sealed partial class SequencerBackend
{
    /// <summary>
    /// The state a selector names: latest and pending read the open block's pending state; safe,
    /// finalized, numbers and hashes read a sealed block inside the history window (a clear
    /// error outside it). Null when the block is unknown.
    /// </summary>
    private IStateReader? StateAt(BlockSelector block)
    {
        if (block.Kind is BlockSelectorKind.Latest or BlockSelectorKind.Pending) return producer.Current.State;
        if (ResolveBlockNumber(block) is not ulong n) return null;
        try
        {
            return new StateViewReader(state.OpenView(n));
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new RpcException(RpcErrorCodes.ServerError,
                $"historical state of block {n} is not available (the node keeps the last {options.HistoryWindow} blocks; head is {HeadNumber})");
        }
    }

    public UInt256? GetBalance(Address address, BlockSelector block) =>
        StateAt(block) is { } s ? (s.TryGetAccount(address, out AccountData a) ? a.Balance : UInt256.Zero) : null;

    public ulong? GetNonce(Address address, BlockSelector block) =>
        StateAt(block) is { } s ? (s.TryGetAccount(address, out AccountData a) ? a.Nonce : 0) : null;

    public ReadOnlyMemory<byte>? GetCode(Address address, BlockSelector block)
    {
        if (StateAt(block) is not { } s) return null;
        return s.TryGetAccount(address, out AccountData a) ? s.GetCode(address, a.CodeHash) : ReadOnlyMemory<byte>.Empty;
    }

    public Hash256? GetStorageAt(Address address, UInt256 slot, BlockSelector block)
    {
        if (StateAt(block) is not { } s) return null;
        Hash256 word = default;
        s.GetStorage(address, slot).WriteBigEndian(word.AsWritableSpan());
        return word;
    }

    /// <summary>Proofs need a state root: latest and pending prove against the last sealed block.</summary>
    public AccountProof? GetProof(Address address, IReadOnlyList<UInt256> storageKeys, BlockSelector block)
    {
        ulong? number = block.Kind == BlockSelectorKind.Pending ? HeadNumber : ResolveBlockNumber(block);
        if (number is not ulong n) return null;
        StateProof proof;
        try
        {
            proof = state.GetProof(n, address, storageKeys);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new RpcException(RpcErrorCodes.ServerError,
                $"proofs for block {n} are not available (the node keeps the last {options.HistoryWindow} blocks; head is {HeadNumber})");
        }
        var storage = new StorageProof[proof.StorageProofs.Count];
        for (int i = 0; i < storage.Length; i++)
        {
            SlotProof p = proof.StorageProofs[i];
            storage[i] = new StorageProof(p.Slot, p.Value, p.Proof);
        }
        AccountState a = proof.Account.GetValueOrDefault();
        return new AccountProof(address, proof.AccountProof, a.Balance,
            proof.Account.HasValue ? a.CodeHash : Hash256.Zero, a.Nonce,
            proof.Account.HasValue ? a.StorageRoot : Hash256.EmptyTrieRoot, storage);
    }
}
