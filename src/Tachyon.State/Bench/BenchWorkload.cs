using Tachyon.Core.Crypto;
using Tachyon.Core.Numerics;
using Tachyon.Core.Types;

namespace Tachyon.State.Bench;

/// <summary>Random account and slot updates over a fixed set of addresses.</summary>
internal sealed class BenchWorkload
{
    public readonly Address[] Accounts;
    private readonly int _contracts;
    private readonly Random _rng;

    public BenchWorkload(int accounts, int contracts, int seed)
    {
        Accounts = new Address[accounts];
        Span<byte> b = stackalloc byte[8];
        for (int i = 0; i < accounts; i++)
        {
            BitConverter.TryWriteBytes(b, (long)i + ((long)seed << 40));
            Accounts[i] = new Address(Keccak256.Compute(b).Bytes[..20]);
        }
        _contracts = Math.Min(contracts, accounts);
        _rng = new Random(seed);
    }

    public AccountState RandomAccount() =>
        new((ulong)_rng.Next(1, 1 << 16), new UInt256((ulong)_rng.NextInt64()), Hash256.EmptyKeccak, Hash256.EmptyTrieRoot);

    /// <summary>70% account updates, 30% slot writes into the first <c>contracts</c> accounts.</summary>
    public void FillBlock(BlockStateDiff diff, int updates, Action<Address, AccountState>? onAccount = null, Action<Address, UInt256, UInt256>? onSlot = null)
    {
        for (int i = 0; i < updates; i++)
        {
            if (_rng.Next(10) < 7)
            {
                var a = Accounts[_rng.Next(Accounts.Length)];
                var acc = RandomAccount();
                diff.SetAccount(a, acc);
                onAccount?.Invoke(a, acc);
            }
            else
            {
                var c = Accounts[_rng.Next(_contracts)];
                UInt256 slot = (ulong)_rng.Next(4096), value = (ulong)_rng.NextInt64(1, long.MaxValue);
                diff.SetStorage(c, slot, value);
                onSlot?.Invoke(c, slot, value);
            }
        }
    }
}
