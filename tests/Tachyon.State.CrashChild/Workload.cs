using Tachyon.Core.Crypto;
using Tachyon.Core.Numerics;
using Tachyon.Core.Types;

namespace Tachyon.State.CrashChild;

/// <summary>
/// Deterministic blocks: block n depends only on (seed, n), so any prefix can be replayed.
/// A small address pool makes updates, deletions, wipes and re-creations collide often.
/// </summary>
public static class Workload
{
    public const int Pool = 300, Contracts = 30, SlotPool = 40;

    public static Address AddressOf(int i)
    {
        Span<byte> b = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(b, i);
        return new Address(Keccak256.Compute(b).Bytes[..20]);
    }

    public static (BlockStateDiff Diff, BlockRecord Block) Block(int seed, ulong n, int accountsPerBlock = 40)
    {
        // Not HashCode.Combine: it is randomized per process, and the crash test replays in another process.
        var rng = new Random(unchecked(seed * 1_000_003 + (int)n * 7919));
        var diff = new BlockStateDiff();
        if (rng.Next(10) == 0)
        {
            int c = rng.Next(Contracts);
            if (rng.Next(2) == 0) diff.DeleteAccount(AddressOf(c));
            else diff.WipeStorage(AddressOf(c));
        }
        for (int i = 0; i < accountsPerBlock; i++)
        {
            var a = AddressOf(rng.Next(Pool));
            if (rng.Next(25) == 0) { diff.DeleteAccount(a); continue; }
            var codeHash = Hash256.EmptyKeccak;
            if (rng.Next(8) == 0)
            {
                var code = new byte[rng.Next(1, 64)];
                rng.NextBytes(code);
                codeHash = Keccak256.Compute(code);
                diff.AddCode(codeHash, code);
            }
            diff.SetAccount(a, new AccountState((ulong)rng.Next(1000), new UInt256((ulong)rng.NextInt64(), (ulong)rng.Next(3)), codeHash, Hash256.EmptyTrieRoot));
        }
        for (int i = 0; i < accountsPerBlock; i++)
        {
            var c = AddressOf(rng.Next(Contracts));
            if (!diff.Accounts.ContainsKey(c) || diff.Accounts[c] == null)
                diff.SetAccount(c, new AccountState(1, 1, Hash256.EmptyKeccak, Hash256.EmptyTrieRoot));
            UInt256 value = rng.Next(4) == 0 ? UInt256.Zero : new UInt256((ulong)rng.Next(1, 1 << 20), 0, 0, rng.Next(3) == 0 ? (ulong)rng.NextInt64() : 0);
            diff.SetStorage(c, (UInt256)rng.Next(SlotPool), value);
        }
        var txs = new Hash256[rng.Next(4)];
        for (int i = 0; i < txs.Length; i++) txs[i] = Keccak256.Compute([(byte)i, .. BitConverter.GetBytes(n)]);
        var hash = Keccak256.Compute(BitConverter.GetBytes(n * 31 + (ulong)seed));
        var header = BitConverter.GetBytes(n);
        var receipts = Keccak256.Compute(header).ToArray();
        return (diff, new BlockRecord(n, hash, header, [.. header, 0xbb], receipts, txs));
    }
}
