using Tachyon.Core.Numerics;
using Tachyon.Core.Types;
using Tachyon.Evm.State;

namespace Tachyon.Execution.Tests;

/// <summary>The Evm hook: credits to unread accounts stay deltas until something reads the account.</summary>
public class DeferredCreditTests
{
    private sealed class CountingReader(InMemoryWorldState inner) : IStateReader
    {
        public int AccountReads;
        public bool SupportsDeferredCredits => true;
        public bool TryGetAccount(in Address address, out AccountData account) { AccountReads++; return inner.TryGetAccount(address, out account); }
        public byte[] GetCode(in Address address, in Hash256 codeHash) => inner.GetCode(address, codeHash);
        public UInt256 GetStorage(in Address address, in UInt256 slot) => inner.GetStorage(address, slot);
        public bool HasStorage(in Address address) => inner.HasStorage(address);
    }

    private static readonly Address Existing = RandomBlock.Addr(1), Absent = RandomBlock.Addr(2);

    private static (ExecutionState, CountingReader) Make()
    {
        var world = new InMemoryWorldState();
        world.SetAccount(Existing, 3, 100, []);
        var reader = new CountingReader(world);
        return (new ExecutionState(reader), reader);
    }

    [Fact]
    public void UnreadCreditIsPublishedAsDelta()
    {
        var (state, reader) = Make();
        state.AddBalance(Existing, 5);
        state.AddBalance(Existing, 2);
        Assert.False(state.ExistsAndIsEmpty(Existing));
        Assert.True(state.IsAlive(Existing));
        Assert.Equal(0, reader.AccountReads);
        AccountWrite w = Assert.Single(state.BuildWriteSet().Accounts);
        Assert.True(w.IsBalanceCredit);
        Assert.Equal((UInt256)7, w.Balance);
    }

    [Fact]
    public void ReadResolvesPendingCredits()
    {
        var (state, reader) = Make();
        state.AddBalance(Existing, 5);
        Assert.Equal((UInt256)105, state.GetBalance(Existing));
        Assert.Equal(3UL, state.GetNonce(Existing));
        Assert.Equal(1, reader.AccountReads);
        AccountWrite w = Assert.Single(state.BuildWriteSet().Accounts);
        Assert.False(w.IsBalanceCredit);
        Assert.Equal((UInt256)105, w.Balance);
    }

    [Fact]
    public void RevertedCreditLeavesNothing()
    {
        var (state, _) = Make();
        int snap = state.Snapshot();
        state.AddBalance(Absent, 5);
        state.Revert(snap);
        Assert.Empty(state.BuildWriteSet().Accounts);
    }

    [Fact]
    public void RevertingTheCreditThatCreatedAnAccountRemovesIt()
    {
        var (state, _) = Make();
        int snap = state.Snapshot();
        state.AddBalance(Absent, 5);
        Assert.True(state.AccountExists(Absent)); // resolves: created by the credit
        Assert.Equal((UInt256)5, state.GetBalance(Absent));
        state.Revert(snap);
        Assert.False(state.AccountExists(Absent));
        Assert.Equal(UInt256.Zero, state.GetBalance(Absent));
    }

    [Fact]
    public void PlainReadersNeverDefer()
    {
        var world = new InMemoryWorldState();
        world.SetAccount(Existing, 3, 100, []);
        var state = new ExecutionState(world);
        state.AddBalance(Existing, 5);
        AccountWrite w = Assert.Single(state.BuildWriteSet().Accounts);
        Assert.False(w.IsBalanceCredit);
        Assert.Equal((UInt256)105, w.Balance);
    }

    [Fact]
    public void PlainTransfersToOneRecipientDoNotConflict()
    {
        // Every sender pays the same code-less account: its credit stays lazy (the target is read by
        // code hash only), so no transaction depends on another.
        var gen = new RandomBlock();
        var block = new List<Tachyon.Evm.Processing.ExecutableTransaction>();
        for (int i = 0; i < gen.Senders.Length; i++)
            block.Add(new Tachyon.Evm.Processing.ExecutableTransaction
            {
                Type = 2, Sender = gen.Senders[i], Nonce = 0, To = RandomBlock.Hot, GasLimit = 21_000, Value = 1 + (ulong)i,
                MaxFeePerGas = 20, MaxPriorityFeePerGas = 2,
            });
        var sequential = new SequentialBlockExecutor(Tachyon.Evm.ForkSpec.Prague);
        using var parallel = new ParallelBlockExecutor(Tachyon.Evm.ForkSpec.Prague,
            new ParallelExecutorOptions { Threads = 4, MinParallelBatch = 1, AbortRateFallback = double.PositiveInfinity });
        BlockExecutionResult expected = sequential.Execute(gen.PreState(), gen.Block, block);
        BlockExecutionResult actual = parallel.Execute(gen.PreState(), gen.Block, block);
        Assert.False(actual.RanSequentially);
        ResultAssert.Equal(expected, actual, gen.PreState, "hot recipient");
        Assert.Equal(0, actual.Aborts);
    }
}
