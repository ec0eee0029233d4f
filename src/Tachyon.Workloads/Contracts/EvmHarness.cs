using Tachyon.Core.Numerics;
using Tachyon.Core.Types;
using Tachyon.Evm;
using Tachyon.Evm.Interpreter;
using Tachyon.Evm.Processing;
using Tachyon.Evm.State;

namespace Tachyon.Workloads.Contracts;

/// <summary>
/// One contract in an <see cref="InMemoryWorldState"/>, called through <see cref="TransactionProcessor"/>.
/// <see cref="Call"/> does not commit, so the same call can be repeated from the same state.
/// </summary>
public sealed class EvmHarness
{
    public static readonly Address Caller = Address.Parse("0x00000000000000000000000000000000000ca11e");
    public static readonly Address Contract = Address.Parse("0x000000000000000000000000000000000000c0de");
    public static readonly Address Coinbase = Address.Parse("0x0000000000000000000000000000000000000c0b");

    public InMemoryWorldState World { get; } = new();
    public TransactionProcessor Processor { get; } = new(ForkSpec.Prague);
    public BlockEnvironment Block { get; }

    public EvmHarness(byte[] code, long blockGasLimit = 4_000_000_000)
    {
        World.SetAccount(Caller, 0, UInt256.Parse("1000000000000000000000000000000"), []);
        World.SetAccount(Contract, 1, 0, code);
        Block = new BlockEnvironment { Coinbase = Coinbase, Number = 1, Timestamp = 1000, GasLimit = blockGasLimit, BaseFee = 7, ChainId = 1 };
    }

    public TransactionResult Call(byte[] input, long gas = 2_000_000_000) =>
        Processor.Execute(new ExecutionState(World), Block, Tx(Caller, 0, Contract, input, gas));

    /// <summary>Calls and throws unless the call succeeded; returns the output.</summary>
    public byte[] CallOk(byte[] input, out long gasUsed)
    {
        TransactionResult r = Call(input);
        if (!r.Success) throw new InvalidOperationException($"call failed: {r.InvalidReason ?? r.Status.ToString()}");
        gasUsed = r.GasUsed;
        return r.Output;
    }

    public static ExecutableTransaction Tx(Address from, ulong nonce, Address to, byte[] data, long gas, ulong value = 0) => new()
    {
        Type = 2, Sender = from, Nonce = nonce, To = to, Data = data, GasLimit = gas, Value = value,
        MaxFeePerGas = 10, MaxPriorityFeePerGas = 1,
    };

    /// <summary>One big-endian word of calldata.</summary>
    public static byte[] Word(ulong value)
    {
        byte[] data = new byte[32];
        new UInt256(value).WriteBigEndian(data);
        return data;
    }
}
