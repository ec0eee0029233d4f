using Tachyon.Core.Numerics;
using Tachyon.Core.Types;
using Tachyon.Evm.Interpreter;
using Tachyon.Evm.Processing;
using Tachyon.Evm.State;
using Tachyon.Workloads.Contracts;

namespace Tachyon.Execution.Tests;

/// <summary>
/// A random block over a fixed genesis: transfers, ERC-20 transfers, shared / per-caller counters,
/// BALANCE(COINBASE) and SELFBALANCE readers, reverts, out-of-gas loops, self-destructs, contract
/// creation (direct, create-and-destroy, factory CREATE), value forwarding, EIP-7702 delegations and
/// calls to delegated accounts, nonce chains, the coinbase as a sender, zero-tip transactions.
/// <c>contention</c> is the probability that a transaction uses the shared sender / recipient / slot.
/// Transactions need not all be valid: the sequential executor is the oracle.
/// </summary>
internal sealed class RandomBlock
{
    public static readonly Address Coinbase = Addr(0xcb);
    public static readonly Address Hot = Addr(0x407);
    public static readonly Address Counter = Addr(0xc001);
    public static readonly Address PerCaller = Addr(0xc002);
    public static readonly Address Token = Addr(0xc003);
    public static readonly Address CoinbaseReader = Addr(0xc004);
    public static readonly Address SelfBalance = Addr(0xc005);
    public static readonly Address Reverter = Addr(0xc006);
    public static readonly Address Looper = Addr(0xc007);
    public static readonly Address Destructor = Addr(0xc008);
    public static readonly Address Forwarder = Addr(0xc009);
    public static readonly Address Factory = Addr(0xc00a);

    private static readonly byte[] CounterCode = [0x5f, 0x54, 0x60, 0x01, 0x01, 0x5f, 0x55, 0x00];
    private static readonly byte[] PerCallerCode = [0x33, 0x54, 0x60, 0x01, 0x01, 0x33, 0x55, 0x00];
    private static readonly byte[] CoinbaseReaderCode = [0x41, 0x31, 0x33, 0x55, 0x00];
    private static readonly byte[] SelfBalanceCode = [0x47, 0x5f, 0x52, 0x60, 0x20, 0x5f, 0xa0, 0x00];
    private static readonly byte[] ReverterCode = [0x60, 0x01, 0x5f, 0x55, 0x5f, 0x5f, 0xfd];
    private static readonly byte[] LooperCode = [0x5b, 0x5f, 0x56];
    private static readonly byte[] DestructorCode = [0x33, 0xff];
    private static readonly byte[] FactoryCode = [0x5f, 0x5f, 0x5f, 0xf0, 0x00];
    // SSTORE(0, 42), then return the 8-byte counter runtime that follows the 14-byte prefix.
    private static readonly byte[] CounterInit =
        [0x60, 0x2a, 0x5f, 0x55, 0x60, 0x08, 0x60, 0x0e, 0x5f, 0x39, 0x60, 0x08, 0x5f, 0xf3, .. CounterCode];

    private static readonly UInt256 Rich = UInt256.Parse("1000000000000000000000");

    public readonly Address[] Senders = new Address[12];
    public readonly Address[] Authorities = new Address[4];
    public BlockEnvironment Block { get; }

    public RandomBlock()
    {
        for (int i = 0; i < Senders.Length; i++) Senders[i] = Addr(0x5e00 + (ulong)i);
        for (int i = 0; i < Authorities.Length; i++) Authorities[i] = Addr(0xa000 + (ulong)i);
        Block = new BlockEnvironment { Coinbase = Coinbase, Number = 5, Timestamp = 100, GasLimit = 1L << 40, BaseFee = 7, ChainId = 1 };
    }

    public static Address Addr(ulong n)
    {
        Span<byte> b = stackalloc byte[20];
        b.Clear();
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(b[12..], n);
        b[0] = 0x11;
        return new Address(b);
    }

    public InMemoryWorldState PreState()
    {
        var w = new InMemoryWorldState();
        var tokenStorage = new List<KeyValuePair<UInt256, UInt256>>();
        foreach (Address s in Senders)
        {
            w.SetAccount(s, 0, Rich, []);
            tokenStorage.Add(new(Erc20.BalanceSlot(s), 1_000_000));
        }
        foreach (Address a in Authorities) w.SetAccount(a, 0, Rich, []);
        w.SetAccount(Coinbase, 0, Rich, []);
        w.SetAccount(Hot, 0, 5, []);
        w.SetAccount(Counter, 1, 0, CounterCode);
        w.SetAccount(PerCaller, 1, 0, PerCallerCode);
        w.SetAccount(Token, 1, 0, Erc20.Code(), tokenStorage);
        w.SetAccount(CoinbaseReader, 1, 0, CoinbaseReaderCode);
        w.SetAccount(SelfBalance, 1, 0, SelfBalanceCode);
        w.SetAccount(Reverter, 1, 0, ReverterCode);
        w.SetAccount(Looper, 1, 0, LooperCode);
        w.SetAccount(Destructor, 1, 1_000, DestructorCode);
        w.SetAccount(Forwarder, 1, 1_000_000, ForwarderCode());
        w.SetAccount(Factory, 1, 0, FactoryCode);
        return w;
    }

    private static byte[] ForwarderCode()
    {
        // CALL(gas, Hot, 1 wei, 0, 0, 0, 0)
        byte[] code = new byte[4 + 2 + 21 + 3];
        code[0] = code[1] = code[2] = code[3] = 0x5f;
        code[4] = 0x60; code[5] = 0x01;
        code[6] = 0x73;
        Hot.Bytes.CopyTo(code.AsSpan(7));
        code[27] = 0x5a; code[28] = 0xf1; code[29] = 0x00;
        return code;
    }

    public List<ExecutableTransaction> Generate(int seed, int count, double contention)
    {
        var rng = new Random(seed);
        var nonces = new Dictionary<Address, ulong>();
        var authNonces = new ulong[Authorities.Length];
        var txs = new List<ExecutableTransaction>(count);
        for (int i = 0; i < count; i++)
        {
            bool shared = rng.NextDouble() < contention;
            Address sender = shared ? Senders[0] : Senders[rng.Next(Senders.Length)];
            int kind = rng.Next(100);
            if (kind < 2) sender = Coinbase;
            ulong nonce = nonces.GetValueOrDefault(sender);
            // Now and then a stale or future nonce (invalid transaction).
            if (rng.Next(50) == 0) nonce += (ulong)rng.Next(2) * 2;
            else nonces[sender] = nonce + 1;
            ulong tip = rng.Next(20) == 0 ? 0UL : 2UL;
            ExecutableTransaction tx = kind switch
            {
                < 22 => Tx(sender, nonce, shared ? Hot : Addr(0x10000 + (ulong)rng.Next(1_000_000)), [], 21_000, (ulong)rng.Next(1, 100), tip),
                < 40 => Tx(sender, nonce, Token, Erc20.TransferData(shared ? Hot : Addr(0x20000 + (ulong)rng.Next(1000)), (ulong)rng.Next(1, 50)), 100_000, 0, tip),
                < 52 => Tx(sender, nonce, shared ? Counter : PerCaller, [], 100_000, 0, tip),
                < 57 => Tx(sender, nonce, CoinbaseReader, [], 100_000, 0, tip),
                < 62 => Tx(sender, nonce, SelfBalance, [], 100_000, (ulong)rng.Next(0, 3), tip),
                < 66 => Tx(sender, nonce, Reverter, [], 100_000, 0, tip),
                < 69 => Tx(sender, nonce, Looper, [], 60_000, 0, tip),
                < 72 => Tx(sender, nonce, Destructor, [], 100_000, 0, tip),
                < 76 => Tx(sender, nonce, Forwarder, [], 100_000, 0, tip),
                < 81 => Tx(sender, nonce, null, CounterInit, 200_000, (ulong)rng.Next(0, 2), tip),
                < 84 => Tx(sender, nonce, null, CreateAndDestroyInit(shared ? Hot : Addr(0x30000 + (ulong)i)), 200_000, 3, tip),
                < 87 => Tx(sender, nonce, Factory, [], 200_000, 0, tip),
                < 93 => Delegate(rng, sender, nonce, authNonces, tip),
                // Sometimes with value: a code-less target is then read by code hash only (lazy credit),
                // while other transactions may give it a delegation.
                _ => Tx(sender, nonce, Authorities[rng.Next(Authorities.Length)], [], 100_000, (ulong)rng.Next(2), tip),
            };
            txs.Add(tx);
        }
        return txs;
    }

    private ExecutableTransaction Delegate(Random rng, Address sender, ulong nonce, ulong[] authNonces, ulong tip)
    {
        int a = rng.Next(Authorities.Length);
        Address target = rng.Next(3) switch { 0 => PerCaller, 1 => Counter, _ => Address.Zero };
        var auth = new AuthorizationEntry(1, target, authNonces[a]++, Authorities[a]);
        return new ExecutableTransaction
        {
            Type = 4, Sender = sender, Nonce = nonce, To = Authorities[rng.Next(Authorities.Length)], GasLimit = 200_000,
            MaxFeePerGas = 20, MaxPriorityFeePerGas = tip, AuthorizationList = [auth],
        };
    }

    private static byte[] CreateAndDestroyInit(Address beneficiary)
    {
        byte[] code = new byte[22];
        code[0] = 0x73;
        beneficiary.Bytes.CopyTo(code.AsSpan(1));
        code[21] = 0xff;
        return code;
    }

    private static ExecutableTransaction Tx(Address from, ulong nonce, Address? to, byte[] data, long gas, ulong value, ulong tip) => new()
    {
        Type = 2, Sender = from, Nonce = nonce, To = to, Data = data, GasLimit = gas, Value = value,
        MaxFeePerGas = 20, MaxPriorityFeePerGas = tip,
    };
}
