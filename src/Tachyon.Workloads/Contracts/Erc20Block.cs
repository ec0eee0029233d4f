using Tachyon.Core.Crypto;
using Tachyon.Core.Numerics;
using Tachyon.Core.Types;
using Tachyon.Evm.Processing;

namespace Tachyon.Workloads.Contracts;

/// <summary>
/// A block of token transfers between <c>holders</c> accounts, executed and committed one transaction at a time
/// through <see cref="TransactionProcessor"/> against <see cref="Tachyon.Evm.State.InMemoryWorldState"/>.
/// The holders form a shuffled ring (each sends <see cref="Amount"/> to the next), so after a block every
/// balance is back to <see cref="InitialBalance"/>: blocks can be repeated (with the next nonce) and the gas
/// of every block is the same.
/// </summary>
public sealed class Erc20Block
{
    public static readonly UInt256 InitialBalance = 1_000_000;
    public static readonly UInt256 Amount = 7;
    public const long TxGasLimit = 100_000;

    private readonly byte[][] _transferData;
    private ulong _nonce;

    public EvmHarness Harness { get; }
    /// <summary>Holder k sends to holder k+1 (mod count), in this order.</summary>
    public Address[] Holders { get; }
    /// <summary>When true the block is plain ETH transfers along the same ring (no contract).</summary>
    public bool EthOnly { get; }

    public Erc20Block(int holders, bool ethOnly = false, int seed = 42)
    {
        EthOnly = ethOnly;
        Harness = new EvmHarness(Erc20.Code());
        var rng = new Random(seed);
        Holders = new Address[holders];
        byte[] key = new byte[32];
        for (int i = 0; i < holders; i++)
        {
            rng.NextBytes(key);
            key[0] = 1; // keeps the key below the curve order
            Holders[i] = Secp256k1.GetAddress(key);
        }
        var storage = new Dictionary<UInt256, UInt256>();
        foreach (Address h in Holders)
        {
            Harness.World.SetAccount(h, 0, UInt256.Parse("1000000000000000000000"), []);
            storage[Erc20.BalanceSlot(h)] = InitialBalance;
        }
        Harness.World.SetAccount(EvmHarness.Contract, 1, 0, Erc20.Code(), storage);
        _transferData = new byte[holders][];
        for (int k = 0; k < holders; k++) _transferData[k] = Erc20.TransferData(Next(k), Amount);
    }

    public Address Next(int k) => Holders[(k + 1) % Holders.Length];

    /// <summary>Executes and commits one block; returns the block's gas. Throws on any failed transaction.</summary>
    public long Run(List<TransactionResult>? results = null)
    {
        TransactionProcessor processor = Harness.Processor;
        long blockGas = 0;
        for (int k = 0; k < Holders.Length; k++)
        {
            ExecutableTransaction tx = EthOnly
                ? EvmHarness.Tx(Holders[k], _nonce, Next(k), [], 21_000, value: 1)
                : EvmHarness.Tx(Holders[k], _nonce, EvmHarness.Contract, _transferData[k], TxGasLimit);
            TransactionResult r = processor.Execute(Harness.World, Harness.Block, tx, blockGas);
            if (!r.Success) throw new InvalidOperationException($"tx {k} failed: {r.InvalidReason ?? r.Status.ToString()}");
            blockGas += r.GasUsed;
            results?.Add(r);
        }
        _nonce++;
        return blockGas;
    }

    public UInt256 BalanceOf(Address owner) => Harness.World.GetStorage(EvmHarness.Contract, Erc20.BalanceSlot(owner));
}

/// <summary>The same transfers in plain C#: the Solidity-layout slots in a dictionary, the same checks, an event list.</summary>
public sealed class NativeLedger
{
    private readonly Dictionary<UInt256, UInt256> _slots = new();
    public List<(Address From, Address To, UInt256 Amount)> Events { get; } = new();

    public void Mint(Address owner, UInt256 amount) => _slots[Erc20.BalanceSlot(owner)] = amount;

    public UInt256 BalanceOf(Address owner) => _slots.GetValueOrDefault(Erc20.BalanceSlot(owner));

    public bool Transfer(Address from, Address to, UInt256 amount)
    {
        UInt256 fromSlot = Erc20.BalanceSlot(from);
        UInt256 fromBal = _slots.GetValueOrDefault(fromSlot);
        if (amount > fromBal) return false;
        _slots[fromSlot] = fromBal - amount;
        UInt256 toSlot = Erc20.BalanceSlot(to);
        UInt256 toBal = _slots.GetValueOrDefault(toSlot) + amount;
        if (amount > toBal)
        {
            _slots[fromSlot] = fromBal; // revert, like the contract
            return false;
        }
        _slots[toSlot] = toBal;
        Events.Add((from, to, amount));
        return true;
    }
}
