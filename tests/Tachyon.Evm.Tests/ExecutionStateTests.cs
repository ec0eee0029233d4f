using Tachyon.Core.Numerics;
using Tachyon.Core.Types;
using Tachyon.Evm.State;

namespace Tachyon.Evm.Tests;

public class ExecutionStateTests
{
    private static readonly Address A = Address.Parse("0x00000000000000000000000000000000000000aa");
    private static readonly Address B = Address.Parse("0x00000000000000000000000000000000000000bb");

    private static InMemoryWorldState World()
    {
        var w = new InMemoryWorldState();
        w.SetAccount(A, 1, 100, [0x60, 0x00], [new((UInt256)1, (UInt256)5)]);
        return w;
    }

    [Fact]
    public void RevertUndoesEverythingAfterTheSnapshot()
    {
        var s = new ExecutionState(World());
        s.SetStorage(A, 1, 6);
        int snap = s.Snapshot();
        s.SetStorage(A, 1, 7);
        s.AddBalance(B, 10);
        s.WarmUp(B);
        s.SetTransient(A, 3, 9);
        s.AddRefund(4800);
        s.Revert(snap);

        Assert.Equal((UInt256)6, s.GetStorage(A, 1));
        Assert.Equal((UInt256)5, s.GetOriginalStorage(A, 1));
        Assert.False(s.AccountExists(B));
        Assert.False(s.IsWarm(B));
        Assert.Equal(UInt256.Zero, s.GetTransient(A, 3));
        Assert.Equal(0, s.Refund);
    }

    [Fact]
    public void WriteSetCommitsFinalValues()
    {
        InMemoryWorldState world = World();
        var s = new ExecutionState(world);
        s.SetStorage(A, 1, 0);
        s.SetStorage(A, 2, 8);
        s.AddBalance(B, 10);
        s.IncrementNonce(A);
        world.Commit(s.BuildWriteSet());

        Assert.True(world.TryGetAccount(A, out AccountData a));
        Assert.Equal(2UL, a.Nonce);
        Assert.Equal(UInt256.Zero, world.GetStorage(A, 1));
        Assert.Equal((UInt256)8, world.GetStorage(A, 2));
        Assert.True(world.TryGetAccount(B, out AccountData b));
        Assert.Equal((UInt256)10, b.Balance);
    }

    [Fact]
    public void CreatedAccountIgnoresCommittedStorageAndIsDeletedOnSelfDestruct()
    {
        InMemoryWorldState world = World();
        var s = new ExecutionState(world);
        s.CreateContractAccount(A);
        Assert.Equal(UInt256.Zero, s.GetStorage(A, 1));
        Assert.Equal(UInt256.Zero, s.GetOriginalStorage(A, 1));
        Assert.Equal((UInt256)100, s.GetBalance(A)); // balance survives re-creation
        s.MarkDestructed(A);
        s.FinalizeDeletions();
        world.Commit(s.BuildWriteSet());
        Assert.False(world.TryGetAccount(A, out _));
    }

    [Fact]
    public void TouchedEmptyAccountIsDeleted()
    {
        var world = new InMemoryWorldState();
        world.SetAccount(B, 0, 0, []);
        var s = new ExecutionState(world);
        s.Touch(B);
        s.FinalizeDeletions();
        world.Commit(s.BuildWriteSet());
        Assert.False(world.TryGetAccount(B, out _));
    }
}
