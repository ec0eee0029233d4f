using Tachyon.Core.Blocks;
using Tachyon.Core.Chain;
using Tachyon.Core.Crypto;
using Tachyon.Core.Numerics;
using Tachyon.Core.Types;
using Tachyon.Evm.State;
using Tachyon.State;

namespace Tachyon.Sequencer.Chain;

/// <summary>Block 0 from a genesis: its state diff and header (state root from Core's in-memory trie).</summary>
internal static class GenesisState
{
    public static (BlockStateDiff Diff, Block Block) Build(Genesis genesis)
    {
        var world = new InMemoryWorldState();
        var diff = new BlockStateDiff();
        foreach (var (address, account) in genesis.Alloc)
        {
            byte[] code = account.Code.ToArray();
            var slots = new List<KeyValuePair<UInt256, UInt256>>(account.Storage.Count);
            foreach (var (k, v) in account.Storage)
                slots.Add(new(UInt256.FromBigEndian(k.Bytes), UInt256.FromBigEndian(v.Bytes)));
            world.SetAccount(address, account.Nonce, account.Balance, code, slots);
            Hash256 codeHash = code.Length == 0 ? Hash256.EmptyKeccak : Keccak256.Compute(code);
            if (code.Length > 0) diff.AddCode(codeHash, code);
            diff.SetAccount(address, new AccountState(account.Nonce, account.Balance, codeHash, Hash256.EmptyTrieRoot));
            foreach (var (slot, value) in slots)
                if (!value.IsZero) diff.SetStorage(address, slot, value);
        }
        return (diff, genesis.ToBlock(world.ComputeStateRoot()));
    }
}
