using Tachyon.Core.Numerics;
using Tachyon.Core.Types;
using Tachyon.State.CrashChild;
using Tachyon.State.Storage;

namespace Tachyon.State.Tests;

public class LayeredStateTests
{
    private const int Seed = 11;

    internal static void AssertViewMatches(StateModel model, IStateView view)
    {
        for (int i = 0; i < Workload.Pool; i++)
        {
            var a = Workload.AddressOf(i);
            bool exists = model.Accounts.TryGetValue(a, out var expected);
            Assert.Equal(exists, view.TryGetAccount(a, out var actual));
            if (exists)
            {
                Assert.Equal(expected.Nonce, actual.Nonce);
                Assert.Equal(expected.Balance, actual.Balance);
                Assert.Equal(expected.CodeHash, actual.CodeHash);
                Assert.True(view.TryGetCode(actual.CodeHash, out _) || actual.CodeHash == Hash256.EmptyKeccak);
            }
            if (i >= Workload.Contracts) continue;
            model.Storage.TryGetValue(a, out var slots);
            for (int s = 0; s < Workload.SlotPool; s++)
            {
                UInt256 want = slots != null && slots.TryGetValue((UInt256)s, out var v) ? v : UInt256.Zero;
                Assert.Equal(want, view.GetStorage(a, (UInt256)s));
            }
        }
    }

    private static StateModel Replay(int blocks)
    {
        var m = new StateModel();
        for (ulong n = 0; n < (ulong)blocks; n++) m.Apply(Workload.Block(Seed, n).Diff);
        return m;
    }

    [Fact]
    public async Task ViewsOfEveryBlockInTheWindowMatchReplayedState()
    {
        using var dir = new TempDir();
        const int blocks = 24, window = 6;
        var roots = new List<Task<Hash256>>();
        using (var state = LayeredState.Open(dir.Path, new LayeredStateOptions { HistoryWindow = window, MaxUnpersistedBlocks = 3, Durability = DurabilityMode.Async }))
        {
            var model = new StateModel();
            for (ulong n = 0; n < blocks; n++)
            {
                var (diff, block) = Workload.Block(Seed, n);
                roots.Add(state.Commit(diff, block).RootTask);
                model.Apply(diff);
                // The head is readable at once, before its root or its batch exist.
                AssertViewMatches(model, state.OpenView(n));
            }
            state.WaitForPersistence();
            // The base is now past these blocks: reads go through the layers' origins.
            for (int b = blocks - window; b < blocks; b++)
                AssertViewMatches(Replay(b + 1), state.OpenView((ulong)b));
            Assert.Throws<ArgumentOutOfRangeException>(() => state.OpenView(2));
            for (int b = 0; b < blocks; b++) Assert.Equal(ReferenceRoot.Of(Replay(b + 1)), await roots[b]);
            Assert.True(state.TryGetTransactionLocation(Workload.Block(Seed, 20).Block.TransactionHashes.FirstOrDefault(), out _, out _)
                        || Workload.Block(Seed, 20).Block.TransactionHashes.Count == 0);
        }

        using var reopened = LayeredState.Open(dir.Path);
        Assert.Equal((ulong)blocks - 1, reopened.PersistedHead!.Value.Number);
        Assert.Equal(await roots[^1], reopened.PersistedHead!.Value.StateRoot);
        AssertViewMatches(Replay(blocks), reopened.OpenHeadView());
        for (ulong n = 0; n < blocks; n++)
        {
            var block = Workload.Block(Seed, n).Block;
            Assert.Equal(block.Header, reopened.GetHeader(n));
            Assert.Equal(block.Receipts, reopened.GetReceipts(n));
            Assert.Equal(block.Body, reopened.GetBody(n));
            for (int i = 0; i < block.TransactionHashes.Count; i++)
            {
                Assert.True(reopened.TryGetTransactionLocation(block.TransactionHashes[i], out ulong bn, out int idx));
                Assert.Equal((n, i), (bn, idx));
            }
        }
        // Continue after the restart: the trie reloads lazily from stored nodes.
        var m2 = Replay(blocks);
        for (ulong n = blocks; n < blocks + 5; n++)
        {
            var (diff, block) = Workload.Block(Seed, n);
            var root = await reopened.Commit(diff, block).RootTask;
            m2.Apply(diff);
            Assert.Equal(ReferenceRoot.Of(m2), root);
        }
        // A view of the reopened base block still reads correctly once the base moved on.
        reopened.WaitForPersistence();
    }

    [Fact]
    public void ViewsStayCorrectWhileTheWriterRuns()
    {
        using var dir = new TempDir();
        using var state = LayeredState.Open(dir.Path, new LayeredStateOptions { HistoryWindow = 64, MaxUnpersistedBlocks = 2 });
        var models = new List<StateModel>();
        var model = new StateModel();
        for (ulong n = 0; n < 24; n++)
        {
            var (diff, block) = Workload.Block(Seed, n);
            state.Commit(diff, block);
            model.Apply(diff);
            models.Add(Replay((int)n + 1));
            // Older views read while later blocks are being persisted underneath them.
            for (int back = 1; back <= 3 && back <= (int)n; back++)
                AssertViewMatches(models[(int)n - back], state.OpenView(n - (ulong)back));
        }
        Assert.True(state.Stats.BackPressureWaits > 0, "sync writes with K=2 should make Commit wait");
    }

    [Fact]
    public void ConcurrentReaderOfAnOldBlockNeverSeesLaterWrites()
    {
        using var dir = new TempDir();
        using var state = LayeredState.Open(dir.Path, new LayeredStateOptions { HistoryWindow = 64, MaxUnpersistedBlocks = 1, Durability = DurabilityMode.Async });
        const int pinned = 4;
        for (ulong n = 0; n <= pinned; n++) { var (d, b) = Workload.Block(Seed, n); state.Commit(d, b); }
        var expected = Replay(pinned + 1);
        var view = state.OpenView(pinned);
        using var stop = new CancellationTokenSource();
        Exception? failure = null;
        int passes = 0;
        var reader = new Thread(() =>
        {
            try
            {
                while (!stop.IsCancellationRequested) { AssertViewMatches(expected, view); passes++; }
            }
            catch (Exception e) { failure = e; }
        });
        reader.Start();
        for (ulong n = pinned + 1; n < pinned + 30 && failure == null; n++) { var (d, b) = Workload.Block(Seed, n); state.Commit(d, b); }
        state.WaitForPersistence();
        stop.Cancel();
        reader.Join();
        Assert.Null(failure);
        Assert.True(passes > 0);
    }

    [Fact]
    public void OldViewIsCorrectBetweenABatchWriteAndItsPublication()
    {
        using var dir = new TempDir();
        using var state = LayeredState.Open(dir.Path, new LayeredStateOptions { HistoryWindow = 64, Durability = DurabilityMode.Async });
        const int pinned = 3;
        for (ulong n = 0; n <= pinned; n++) { var (d, b) = Workload.Block(Seed, n); state.Commit(d, b); }
        state.WaitForPersistence();
        var expected = Replay(pinned + 1);
        var view = state.OpenView(pinned);
        Exception? failure = null;
        int checks = 0;
        // The base already holds the block, the persisted number does not say so yet.
        state.AfterWriteBeforePublish = _ =>
        {
            try { AssertViewMatches(expected, view); checks++; }
            catch (Exception e) { failure ??= e; }
        };
        for (ulong n = pinned + 1; n < pinned + 6; n++) { var (d, b) = Workload.Block(Seed, n); state.Commit(d, b); }
        state.WaitForPersistence();
        Assert.Null(failure);
        Assert.Equal(5, checks);
    }

    [Fact]
    public void CommitRejectsGapsAndWipesHideOldSlots()
    {
        using var dir = new TempDir();
        using var state = LayeredState.Open(dir.Path);
        var a = Workload.AddressOf(1);
        var d0 = new BlockStateDiff();
        d0.SetAccount(a, AccountState.Create(1, 1));
        d0.SetStorage(a, 1, 10);
        d0.SetStorage(a, 2, 20);
        state.Commit(d0, Workload.Block(0, 0).Block);
        Assert.Throws<ArgumentException>(() => state.Commit(new BlockStateDiff(), Workload.Block(0, 5).Block));
        state.WaitForPersistence();
        var d1 = new BlockStateDiff();
        d1.WipeStorage(a);
        d1.SetStorage(a, 2, 21);
        state.Commit(d1, Workload.Block(0, 1).Block);
        var v1 = state.OpenView(1);
        Assert.Equal(UInt256.Zero, v1.GetStorage(a, 1));
        Assert.Equal((UInt256)21, v1.GetStorage(a, 2));
        state.WaitForPersistence();
        Assert.Equal((UInt256)10, state.OpenView(0).GetStorage(a, 1));
        Assert.Equal(UInt256.Zero, state.OpenView(1).GetStorage(a, 1));
        Assert.Equal(ReferenceRoot.StorageRoot(new Dictionary<UInt256, UInt256> { [2] = 21 }),
            state.OpenView(1).TryGetAccount(a, out var acc) ? acc.StorageRoot : default);
    }
}
