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
}
