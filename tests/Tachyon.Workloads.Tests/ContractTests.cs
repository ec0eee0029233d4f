using Tachyon.Workloads.Contracts;
using Tachyon.Core.Numerics;
using Tachyon.Evm.Interpreter;
using Tachyon.Evm.Processing;

namespace Tachyon.Workloads.Tests;

/// <summary>The benchmark contracts (src/Tachyon.Workloads/Contracts) at small sizes, checked against their C# kernels.</summary>
public class ContractTests
{
    private static byte[] Run(byte[] code, byte[] input) => new EvmHarness(code).CallOk(input, out _);

    [Theory]
    [InlineData(32, 0)]
    [InlineData(32, 5)]
    [InlineData(64, 5)]
    public void KeccakLoop_MatchesNative(int size, int n) =>
        Assert.Equal(KeccakLoop.Native(size, n), Run(KeccakLoop.Code(size), EvmHarness.Word((ulong)n)));

    [Fact]
    public void ArithmeticLoop_MatchesNative()
    {
        UInt256 x0 = UInt256.Parse("0x123456789abcdef0fedcba9876543210");
        byte[] output = Run(ArithmeticLoop.Code(), ArithmeticLoop.Input(200, x0));
        var (acc, x) = ArithmeticLoop.Native(200, x0);
        Assert.Equal(acc, UInt256.FromBigEndian(output.AsSpan(0, 32)));
        Assert.Equal(x, UInt256.FromBigEndian(output.AsSpan(32, 32)));
        Assert.False(acc.IsZero);
    }

    [Theory]
    [InlineData(64, 1)]
    [InlineData(256, 3)]
    [InlineData(1024, 10)]
    public void MemoryCopyLoop_MatchesNative(int bytes, int n) =>
        Assert.Equal(MemoryCopyLoop.Native(bytes, n), Run(MemoryCopyLoop.Code(bytes), EvmHarness.Word((ulong)n)));

    [Theory]
    [InlineData(2, 0)]
    [InlineData(3, 1)]
    [InlineData(100, 25)]
    [InlineData(1000, 168)]
    public void Sieve_CountsPrimes(ulong below, ulong primes)
    {
        Assert.Equal(primes, Sieve.Native(below));
        Assert.Equal(EvmHarness.Word(primes), Run(Sieve.Code(), EvmHarness.Word(below)));
    }

    [Fact]
    public void Erc20Block_TransfersAndRestoresBalances()
    {
        var block = new Erc20Block(holders: 20);
        var results = new List<TransactionResult>();
        long gas = block.Run(results);
        Assert.Equal(20, results.Count);
        foreach (TransactionResult r in results)
        {
            Assert.Equal(new UInt256(1), UInt256.FromBigEndian(r.Output));
            Assert.Equal(Erc20.TransferTopic, Assert.Single(r.Logs).Topics[0]);
        }
        foreach (var h in block.Holders) Assert.Equal(Erc20Block.InitialBalance, block.BalanceOf(h));
        Assert.Equal(gas, block.Run()); // same gas on repeat (next nonces)
    }

    [Fact]
    public void Erc20_TransferMovesBalanceAndRejectsOverdraft()
    {
        var block = new Erc20Block(holders: 2);
        var (a, b) = (block.Holders[0], block.Holders[1]);
        var world = block.Harness.World;
        var processor = block.Harness.Processor;
        TransactionResult Send(ulong nonce, UInt256 amount) =>
            processor.Execute(world, block.Harness.Block, EvmHarness.Tx(a, nonce, EvmHarness.Contract, Erc20.TransferData(b, amount), 100_000));

        Assert.True(Send(0, 1000).Success);
        Assert.Equal(Erc20Block.InitialBalance - 1000, block.BalanceOf(a));
        Assert.Equal(Erc20Block.InitialBalance + 1000, block.BalanceOf(b));

        TransactionResult overdraft = Send(1, Erc20Block.InitialBalance);
        Assert.Equal(EvmStatus.Revert, overdraft.Status);
        Assert.Equal(Erc20Block.InitialBalance - 1000, block.BalanceOf(a));

        // balanceOf through the contract agrees with storage
        var view = processor.Execute(new Tachyon.Evm.State.ExecutionState(world), block.Harness.Block,
            EvmHarness.Tx(a, 2, EvmHarness.Contract, Erc20.BalanceOfData(b), 100_000));
        Assert.Equal(Erc20Block.InitialBalance + 1000, UInt256.FromBigEndian(view.Output));

        var ledger = new NativeLedger();
        ledger.Mint(a, 5);
        Assert.False(ledger.Transfer(a, b, 6));
        Assert.True(ledger.Transfer(a, b, 5));
        Assert.Equal(new UInt256(5), ledger.BalanceOf(b));
    }

    /// <summary>
    /// Regression: KECCAK256 and CALLDATALOAD used a stackalloc inside the interpreter loop, so a long loop
    /// overflowed the native stack and killed the process (found by the sieve benchmark).
    /// </summary>
    [Fact]
    public void LongLoopOfScratchOpcodesDoesNotGrowTheNativeStack()
    {
        byte[] code = new EvmAssembler()
            .Op(Op.PUSH0, Op.CALLDATALOAD)
            .Label("loop")
            .Op(Op.DUP1, Op.ISZERO).JumpIf("end")
            .Op(Op.PUSH0, Op.CALLDATALOAD, Op.POP, Op.CALLER, Op.POP).Op((Op)0x30, Op.POP) // ADDRESS
            .Push(32).Op(Op.PUSH0, Op.KECCAK256, Op.POP)
            .Push(1).Op(Op.SWAP1, Op.SUB).Jump("loop")
            .Label("end")
            .Op(Op.STOP)
            .Build();
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try { Run(code, EvmHarness.Word(1_000_000)); }
            catch (Exception e) { error = e; }
        }, maxStackSize: 256 * 1024);
        thread.Start();
        thread.Join();
        Assert.Null(error);
    }
}
