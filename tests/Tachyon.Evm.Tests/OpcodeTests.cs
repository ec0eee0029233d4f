using Tachyon.Core.Numerics;
using Tachyon.Core.Types;
using Tachyon.Evm.Interpreter;
using Tachyon.Evm.Processing;
using Tachyon.Evm.State;

namespace Tachyon.Evm.Tests;

/// <summary>Small bytecode programs run through a full transaction; results read back from storage.</summary>
public class OpcodeTests
{
    private static readonly Address Sender = Address.Parse("0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b");
    private static readonly Address Contract = Address.Parse("0x1000000000000000000000000000000000000000");
    private static readonly Address Coinbase = Address.Parse("0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba");

    private static (InMemoryWorldState World, TransactionResult Result) Run(string codeHex, ForkSpec? fork = null, long gas = 1_000_000, byte[]? data = null, ulong value = 0)
    {
        var world = new InMemoryWorldState();
        world.SetAccount(Sender, 0, UInt256.Parse("1000000000000000000"), []);
        world.SetAccount(Contract, 1, 0, Convert.FromHexString(codeHex));
        var block = new BlockEnvironment { Coinbase = Coinbase, Number = 1, Timestamp = 1000, GasLimit = 30_000_000, BaseFee = 7, ChainId = 1 };
        var tx = new ExecutableTransaction { Type = 2, Sender = Sender, Nonce = 0, MaxFeePerGas = 10, MaxPriorityFeePerGas = 1, GasLimit = gas, To = Contract, Data = data ?? [], Value = value };
        var result = new TransactionProcessor(fork ?? ForkSpec.Cancun).Execute(world, block, tx);
        return (world, result);
    }

    private static UInt256 Slot(InMemoryWorldState w, ulong slot) => w.GetStorage(Contract, slot);

    [Theory]
    [InlineData("6001600201", 3UL)]                 // ADD
    [InlineData("6003600203", ulong.MaxValue)]       // 2 - 3 wraps (low limb check below)
    [InlineData("600560070a", 16807UL)]             // 7 ** 5
    [InlineData("6002600a04", 5UL)]                 // 10 / 2
    [InlineData("6000600a04", 0UL)]                 // 10 / 0 = 0
    [InlineData("6003600a06", 1UL)]                 // 10 % 3
    [InlineData("600160041b", 16UL)]                // 1 << 4
    [InlineData("6004600110", 1UL)]                 // 1 < 4
    [InlineData("5f15", 1UL)]                       // PUSH0 ISZERO
    public void Arithmetic(string expr, ulong expectedLowLimb)
    {
        var (w, r) = Run(expr + "5f55");
        Assert.True(r.Success, r.Status.ToString());
        Assert.Equal(expectedLowLimb, Slot(w, 0).U0);
    }

    [Fact]
    public void SubtractionWrapsModulo2To256()
    {
        var (w, _) = Run("6003600203" + "5f55");
        Assert.Equal(UInt256.MaxValue, Slot(w, 0));
    }

    [Fact]
    public void MemoryAndKeccak()
    {
        // MSTORE 0x2a at 0, KECCAK256(0, 32) -> slot 0
        var (w, r) = Run("602a5f52" + "60205f20" + "5f55");
        Assert.True(r.Success);
        var expected = Tachyon.Core.Crypto.Keccak256.Compute(new UInt256(42).ToBigEndian());
        Assert.Equal(UInt256.FromBigEndian(expected.Bytes), Slot(w, 0));
    }

    [Fact]
    public void InvalidJumpConsumesAllGas()
    {
        var (_, r) = Run("600356", gas: 100_000);
        Assert.False(r.Success);
        Assert.Equal(EvmStatus.InvalidJump, r.Status);
        Assert.Equal(100_000, r.GasUsed);
    }

    [Fact]
    public void JumpToJumpDest()
    {
        // PUSH1 4 JUMP INVALID JUMPDEST PUSH1 1 PUSH0 SSTORE
        var (w, r) = Run("600456fe5b60015f55");
        Assert.True(r.Success);
        Assert.Equal((UInt256)1, Slot(w, 0));
    }

    [Fact]
    public void RevertKeepsStateAndReturnsGas()
    {
        var (w, r) = Run("60015f55" + "5f5ffd", gas: 100_000);
        Assert.False(r.Success);
        Assert.Equal(EvmStatus.Revert, r.Status);
        Assert.True(r.GasUsed < 100_000);
        Assert.Equal(UInt256.Zero, Slot(w, 0));
    }

    [Fact]
    public void StackUnderflow()
    {
        var (_, r) = Run("01");
        Assert.Equal(EvmStatus.StackUnderflow, r.Status);
    }

    [Fact]
    public void TransientStorageIsNotPersisted()
    {
        // TSTORE(1, 7); TLOAD(1) -> SSTORE slot 0
        var (w, r) = Run("60076001" + "5d" + "60015c" + "5f55");
        Assert.True(r.Success);
        Assert.Equal((UInt256)7, Slot(w, 0));
    }

    [Fact]
    public void McopyCopiesOverlapping()
    {
        // MSTORE(0, 0x..0102) ; MCOPY(dst=1, src=0, len=32) ; MLOAD(1) -> slot 0
        var (w, r) = Run("6101025f52" + "60205f60015e" + "6001515f55");
        Assert.True(r.Success);
        Assert.Equal((UInt256)0x0102, Slot(w, 0));
    }

    [Fact]
    public void CreateThenCallReturnsValue()
    {
        // init code returning runtime "602a5f5260205ff3" (returns 42)
        // runtime: PUSH1 2a PUSH0 MSTORE PUSH1 20 PUSH0 RETURN
        string runtime = "602a5f5260205ff3";
        // init: PUSH8 runtime PUSH0 MSTORE PUSH1 8 PUSH1 24 RETURN
        string init = "67" + runtime + "5f52" + "6008" + "6018" + "f3";
        int initLen = init.Length / 2;
        // MSTORE init at 0 (right-aligned in 32 bytes: offset 32-initLen), CREATE(0, 32-initLen, initLen)
        string code = "7f" + init.PadLeft(64, '0') + "5f52" + $"60{initLen:x2}" + $"60{32 - initLen:x2}" + "5f" + "f0"
            // CALL(gas, addr, 0, 0, 0, 0, 32) then MLOAD 0 -> SSTORE 0
            + "6020" + "5f" + "5f" + "5f" + "5f" + "85" + "5a" + "f1" + "50" + "5f51" + "5f55";
        var (w, r) = Run(code);
        Assert.True(r.Success, r.Status.ToString());
        Assert.Equal((UInt256)42, Slot(w, 0));
    }

    [Fact]
    public void SstoreRefundIsCappedAtOneFifth()
    {
        var world = new InMemoryWorldState();
        world.SetAccount(Sender, 0, UInt256.Parse("1000000000000000000"), []);
        world.SetAccount(Contract, 1, 0, Convert.FromHexString("5f5f55"), [new((UInt256)0, (UInt256)1)]);
        var block = new BlockEnvironment { Coinbase = Coinbase, Number = 1, GasLimit = 30_000_000, BaseFee = 7 };
        var tx = new ExecutableTransaction { Type = 2, Sender = Sender, MaxFeePerGas = 10, MaxPriorityFeePerGas = 1, GasLimit = 100_000, To = Contract };
        TransactionResult r = new TransactionProcessor(ForkSpec.Cancun).Execute(world, block, tx);
        Assert.True(r.Success);
        // 21000 + 2 (PUSH0 x2) + 2100 cold + 2900 = 26004 used; refund 4800 = min(4800, 26004/5)
        Assert.Equal(26004 - 4800, r.GasUsed);
    }

    [Fact]
    public void LogsAppearInReceiptWithBloom()
    {
        // LOG1(offset 0, size 0, topic 0x2a)
        var (_, r) = Run("602a5f5fa1");
        Assert.True(r.Success);
        Assert.Single(r.Logs);
        var receipt = r.ToReceipt(1000);
        Assert.Equal(1000UL + (ulong)r.GasUsed, receipt.CumulativeGasUsed);
        Assert.True(receipt.Success);
        Assert.NotEqual(Tachyon.Core.Blocks.Bloom.Empty, receipt.Bloom);
    }

    [Fact]
    public void InvalidTransactionLeavesNoTrace()
    {
        var world = new InMemoryWorldState();
        world.SetAccount(Sender, 0, 1000, []);
        var root = world.ComputeStateRoot();
        var block = new BlockEnvironment { Coinbase = Coinbase, Number = 1, GasLimit = 30_000_000, BaseFee = 7 };
        var tx = new ExecutableTransaction { Type = 2, Sender = Sender, MaxFeePerGas = 10, MaxPriorityFeePerGas = 1, GasLimit = 100_000, To = Contract };
        TransactionResult r = new TransactionProcessor(ForkSpec.Cancun).Execute(world, block, tx);
        Assert.Equal("TransactionException.INSUFFICIENT_ACCOUNT_FUNDS", r.InvalidReason);
        Assert.Equal(root, world.ComputeStateRoot());
    }

    [Fact]
    public void DelegatedAccountRunsDelegateCode()
    {
        var world = new InMemoryWorldState();
        Address eoa = Address.Parse("0x3000000000000000000000000000000000000000");
        world.SetAccount(Sender, 0, UInt256.Parse("1000000000000000000"), []);
        world.SetAccount(Contract, 1, 0, Convert.FromHexString("60015f55")); // SSTORE(0, 1)
        world.SetAccount(eoa, 0, 0, Convert.FromHexString("ef0100" + Contract.ToString()[2..]));
        var block = new BlockEnvironment { Coinbase = Coinbase, Number = 1, GasLimit = 30_000_000, BaseFee = 7 };
        var tx = new ExecutableTransaction { Type = 2, Sender = Sender, MaxFeePerGas = 10, MaxPriorityFeePerGas = 1, GasLimit = 100_000, To = eoa };
        TransactionResult r = new TransactionProcessor(ForkSpec.Prague).Execute(world, block, tx);
        Assert.True(r.Success);
        Assert.Equal((UInt256)1, world.GetStorage(eoa, 0));
        Assert.Equal(UInt256.Zero, world.GetStorage(Contract, 0));
    }
}
