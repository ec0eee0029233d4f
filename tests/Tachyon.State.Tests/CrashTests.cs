using System.Diagnostics;
using Tachyon.Core.Numerics;
using Tachyon.Core.Types;
using Tachyon.State.CrashChild;
using Tachyon.State.Storage;
using Xunit.Abstractions;

namespace Tachyon.State.Tests;

public class CrashTests(ITestOutputHelper output)
{
    private const int Seed = 3;

    [Fact]
    public void KillNineAtRandomPointsLeavesAConsistentDatabase()
    {
        using var dir = new TempDir();
        var rng = new Random(2024);
        string child = typeof(Workload).Assembly.Location;
        long lastHead = -1;
        for (int iteration = 0; iteration < 12; iteration++)
        {
            string mode = iteration % 2 == 0 ? "sync" : "async";
            var psi = new ProcessStartInfo("dotnet", [child, dir.Path, Seed.ToString(System.Globalization.CultureInfo.InvariantCulture), mode])
            {
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            using (var p = Process.Start(psi)!)
            {
                string? first = p.StandardOutput.ReadLine(); // "start N": the database is open
                Assert.StartsWith("start", first);
                Thread.Sleep(rng.Next(50, 500));
                p.Kill(entireProcessTree: true); // SIGKILL: no flush, no dispose
                p.WaitForExit();
            }
            long head = CheckConsistent(dir.Path);
            output.WriteLine($"iteration {iteration} ({mode}): persisted head {head}");
            Assert.True(head >= lastHead, "a persisted block was lost");
            lastHead = head;
        }
    }

    private static long CheckConsistent(string path)
    {
        using var state = LayeredState.Open(path);
        if (state.PersistedHead is not { } head)
        {
            // Killed before the first batch: nothing may be visible.
            Assert.Null(state.GetHeader(0));
            using var it = state.Db.NewIterator(state.Db.AccountsCf);
            it.SeekToFirst();
            Assert.False(it.Valid());
            return -1;
        }
        var model = new StateModel();
        for (ulong n = 0; n <= head.Number; n++) model.Apply(Workload.Block(Seed, n).Diff);
        var expectedBlock = Workload.Block(Seed, head.Number).Block;
        Assert.Equal(expectedBlock.Hash, head.BlockHash);
        Assert.Equal(expectedBlock.Header, state.GetHeader(head.Number));
        Assert.Equal(expectedBlock.Receipts, state.GetReceipts(head.Number));
        Assert.Null(state.GetHeader(head.Number + 1));
        Assert.Null(state.GetReceipts(head.Number + 1));

        // Flat state equals a replay of the first N blocks, nothing more, nothing less.
        var db = state.Db;
        var accounts = new Dictionary<Address, AccountState>();
        using (var it = db.NewIterator(db.AccountsCf))
            for (it.SeekToFirst(); it.Valid(); it.Next())
                accounts[new Address(it.GetKeySpan())] = FlatEncoding.DecodeAccount(it.GetValueSpan());
        var storage = new Dictionary<Address, Dictionary<UInt256, UInt256>>();
        using (var it = db.NewIterator(db.StorageCf))
            for (it.SeekToFirst(); it.Valid(); it.Next())
            {
                var k = it.GetKeySpan();
                var a = new Address(k[..20]);
                if (!storage.TryGetValue(a, out var s)) storage[a] = s = new();
                s[UInt256.FromBigEndian(k[20..])] = UInt256.FromBigEndian(it.GetValueSpan());
            }
        Assert.Equal(model.Accounts.Count, accounts.Count);
        foreach (var (a, acc) in model.Accounts)
        {
            Assert.True(accounts.TryGetValue(a, out var got));
            Assert.Equal((acc.Nonce, acc.Balance, acc.CodeHash), (got.Nonce, got.Balance, got.CodeHash));
        }
        Assert.Equal(model.Storage.Count, storage.Count);
        foreach (var (a, slots) in model.Storage) Assert.Equal(slots.OrderBy(x => x.Key.U0), storage[a].OrderBy(x => x.Key.U0));

        // The stored root is the root of the flat state, recomputed from scratch.
        Assert.Equal(head.StateRoot, ReferenceRoot.Of(accounts, a => storage.TryGetValue(a, out var s) ? s : null));
        LayeredStateTests.AssertViewMatches(model, state.OpenHeadView());
        return (long)head.Number;
    }
}
