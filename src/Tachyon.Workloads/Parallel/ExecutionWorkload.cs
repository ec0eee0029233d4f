using Tachyon.Core.Crypto;
using Tachyon.Core.Numerics;
using Tachyon.Core.Transactions;
using Tachyon.Core.Types;
using Tachyon.Evm.Interpreter;
using Tachyon.Evm.Processing;
using Tachyon.Evm.State;
using Tachyon.Workloads.Contracts;

namespace Tachyon.Workloads.Parallel;

public enum WorkloadKind { Transfer, Erc20, Swap, Mixed, Dependent }

/// <summary>Parameters of <see cref="ExecutionWorkload"/>.</summary>
public sealed record WorkloadOptions(WorkloadKind Kind, int Transactions, double HotRatio = 0, int Blocks = 1, int Seed = 1)
{
    public static WorkloadKind ParseKind(string s) => s switch
    {
        "transfer" => WorkloadKind.Transfer,
        "erc20" => WorkloadKind.Erc20,
        "swap" => WorkloadKind.Swap,
        "mixed" => WorkloadKind.Mixed,
        "dependent" => WorkloadKind.Dependent,
        _ => throw new ArgumentException($"unknown workload '{s}' (transfer|erc20|swap|mixed|dependent)"),
    };
}

/// <summary>
/// Blocks of signed transactions for the execution benchmark, with their genesis state. Transactions
/// are signed with Core's signer and their senders recovered once here, so executors get
/// <see cref="ExecutableTransaction"/>s. Every block is valid on the genesis state (each starts at
/// nonce 0). Independent senders send to fresh recipients / own token slots / own AMM pools;
/// <see cref="WorkloadOptions.HotRatio"/> of the transactions go to one hot recipient / slot / pool
/// instead. <c>dependent</c> is one sender's nonce chain.
/// </summary>
public sealed class ExecutionWorkload
{
    public static readonly Address Token = Address.Parse("0x0000000000000000000000000000000000e2c020");
    public static readonly Address Amm = Address.Parse("0x00000000000000000000000000000000000a3300");
    public static readonly Address HotRecipient = Address.Parse("0x00000000000000000000000000000000000f0f0f");
    public static readonly Address Coinbase = Address.Parse("0x0000000000000000000000000000000000000c0b");
    public const ulong ChainId = 1;
    private static readonly UInt256 EtherBalance = UInt256.Parse("1000000000000000000000000");
    private static readonly UInt256 TokenBalance = 1_000_000_000;
    private static readonly UInt256 Reserve = UInt256.Parse("1000000000000000000000");

    private readonly byte[][] _keys;
    private readonly Address[] _senders;

    public WorkloadOptions Options { get; }
    public BlockEnvironment Block { get; }
    public IReadOnlyList<ExecutableTransaction>[] Blocks { get; }
    /// <summary>AMM pools in the genesis state.</summary>
    public int Pools { get; }

    public ExecutionWorkload(WorkloadOptions options)
    {
        if (options.Transactions < 1) throw new ArgumentException("need at least one transaction");
        if (options.HotRatio is < 0 or > 1) throw new ArgumentException("hot ratio must be in [0, 1]");
        if (options.Blocks < 1) throw new ArgumentException("need at least one block");
        Options = options;
        int senders = options.Kind == WorkloadKind.Dependent ? 1 : options.Transactions;
        _keys = new byte[senders][];
        _senders = new Address[senders];
        for (int i = 0; i < senders; i++)
        {
            _keys[i] = PrivateKey(options.Seed, i);
            _senders[i] = Secp256k1.GetAddress(_keys[i]);
        }
        Pools = options.Transactions + 1;
        Block = new BlockEnvironment
        {
            Coinbase = Coinbase, Number = 1, Timestamp = 1_000, GasLimit = 1L << 50, BaseFee = 7, ChainId = ChainId,
            BlockHashProvider = n => Keccak256.Compute(BitConverter.GetBytes(n)),
        };
        Blocks = new IReadOnlyList<ExecutableTransaction>[options.Blocks];
        var rng = new Random(options.Seed);
        for (int b = 0; b < options.Blocks; b++) Blocks[b] = BuildBlock(rng);
    }

    private static byte[] PrivateKey(int seed, int i)
    {
        Span<byte> material = stackalloc byte[8];
        BitConverter.TryWriteBytes(material[..4], seed);
        BitConverter.TryWriteBytes(material[4..], i);
        byte[] key = Keccak256.Compute(material).Bytes.ToArray();
        key[0] = 1; // below the curve order
        return key;
    }

    /// <summary>A fresh genesis state: funded senders, the token with every sender's balance, the AMM with its pools.</summary>
    public InMemoryWorldState CreatePreState()
    {
        var world = new InMemoryWorldState();
        var tokenStorage = new List<KeyValuePair<UInt256, UInt256>>(_senders.Length);
        foreach (Address s in _senders)
        {
            world.SetAccount(s, 0, EtherBalance, []);
            tokenStorage.Add(new(Erc20.BalanceSlot(s), TokenBalance));
        }
        world.SetAccount(Token, 1, 0, Erc20.Code(), tokenStorage);
        var pools = new List<KeyValuePair<UInt256, UInt256>>(Pools * 2);
        for (int p = 0; p < Pools; p++)
        {
            pools.Add(new(ConstantProductAmm.Reserve0Slot(p), Reserve));
            pools.Add(new(ConstantProductAmm.Reserve1Slot(p), Reserve));
        }
        world.SetAccount(Amm, 1, 0, ConstantProductAmm.Code(), pools);
        world.SetAccount(HotRecipient, 0, 1, []);
        return world;
    }

    private ExecutableTransaction[] BuildBlock(Random rng)
    {
        int n = Options.Transactions;
        var txs = new ExecutableTransaction[n];
        for (int i = 0; i < n; i++)
        {
            WorkloadKind kind = Options.Kind;
            if (kind == WorkloadKind.Mixed)
            {
                int r = rng.Next(10);
                kind = r < 4 ? WorkloadKind.Transfer : r < 8 ? WorkloadKind.Erc20 : WorkloadKind.Swap;
            }
            bool hot = Options.HotRatio > 0 && rng.NextDouble() < Options.HotRatio;
            int senderIndex = Options.Kind == WorkloadKind.Dependent ? 0 : i;
            ulong nonce = Options.Kind == WorkloadKind.Dependent ? (ulong)i : 0;
            Transaction tx = kind switch
            {
                WorkloadKind.Erc20 => Call(nonce, Token, Erc20.TransferData(hot ? HotRecipient : RandomAddress(rng), (ulong)rng.Next(1, 1000)), 80_000),
                WorkloadKind.Swap => Call(nonce, Amm, ConstantProductAmm.SwapData(hot ? 0 : i + 1, (ulong)rng.Next(1_000, 1_000_000), rng.Next(2) == 1), 100_000),
                _ => Transfer(nonce, hot ? HotRecipient : RandomAddress(rng), (ulong)rng.Next(1, 1_000_000)),
            };
            txs[i] = SignAndRecover(tx, _keys[senderIndex]);
        }
        return txs;
    }

    private static Address RandomAddress(Random rng)
    {
        Span<byte> b = stackalloc byte[20];
        rng.NextBytes(b);
        return new Address(b);
    }

    private static Transaction Transfer(ulong nonce, Address to, UInt256 value) => new()
    {
        Type = TransactionType.DynamicFee, ChainId = ChainId, Nonce = nonce, GasLimit = 21_000, To = to, Value = value,
        MaxFeePerGas = 20, MaxPriorityFeePerGas = 2,
    };

    private static Transaction Call(ulong nonce, Address to, byte[] data, ulong gas) => new()
    {
        Type = TransactionType.DynamicFee, ChainId = ChainId, Nonce = nonce, GasLimit = gas, To = to, Data = data,
        MaxFeePerGas = 20, MaxPriorityFeePerGas = 2,
    };

    private static ExecutableTransaction SignAndRecover(Transaction tx, byte[] key)
    {
        Transaction signed = TransactionSigner.Sign(tx, key);
        if (!SenderRecovery.TryRecoverSender(signed, out Address sender, out string error))
            throw new InvalidOperationException("sender recovery failed: " + error);
        return signed.ToExecutable(sender);
    }
}
