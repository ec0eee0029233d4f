using Tachyon.Core.Transactions;
using Tachyon.Core.Types;
using Tachyon.Rpc.Backend;
using static Tachyon.Sequencer.Tests.TestChain;

namespace Tachyon.Sequencer.Tests;

/// <summary>
/// Submitting threads run the executor's work themselves when it is free (flat combining); these pin
/// that the order is still the arrival order, nothing is dropped, and blocks still seal around it.
/// </summary>
public sealed class CombinedSubmitTests
{
    private static readonly Address Bob = Address.Parse("0x00000000000000000000000000000000000000b0");

    [Fact]
    public async Task ConcurrentSubmittersKeepArrivalOrderAndLoseNothing()
    {
        await using var chain = Start(blockMs: 15); // blocks and mini-blocks seal while submitters combine
        const int perSender = 150;
        // Thread 0 interleaves senders 0 and 1, so its order across senders is visible in the blocks;
        // threads 1 and 2 hammer from senders 2 and 3 at the same time.
        Transaction[][] plans =
        [
            Enumerable.Range(0, perSender * 2).Select(i => Transfer(i % 2, Bob, 1, (ulong)(i / 2))).ToArray(),
            Enumerable.Range(0, perSender).Select(n => Transfer(2, Bob, 1, (ulong)n)).ToArray(),
            Enumerable.Range(0, perSender).Select(n => Transfer(3, Bob, 1, (ulong)n)).ToArray(),
        ];
        SubmitResult[] results = await SubmitConcurrentlyAsync(chain, plans);

        // A reordered sender's later nonce would have been held (Queued) instead of executed.
        Assert.All(results, r => Assert.True(r.Accepted && !r.Queued, $"{r.Rejection} {r.Detail} queued={r.Queued}"));
        for (int s = 0; s < 4; s++) Assert.Equal((ulong)perSender, chain.Backend.GetNonce(Accounts[s], BlockSelector.Pending));

        ulong last = chain.Backend.ResolveBlockNumber(BlockSelector.Pending)!.Value;
        await chain.WaitForHeadAsync(last);
        Assert.Equal(perSender * 4, BlockTests.ReplayAndCompare(chain, last));

        // Thread 0's transactions sit in the blocks in exactly the order it sent them.
        var positions = plans[0].Select(tx => chain.Backend.GetReceipt(tx.Hash)!).Select(r => (r.BlockNumber, r.TransactionIndex)).ToArray();
        for (int i = 1; i < positions.Length; i++) Assert.True(positions[i - 1].CompareTo(positions[i]) < 0, $"sent #{i} landed before #{i - 1}");
    }

    /// <summary>One thread per plan, started together; each sends its plan with no await between sends,
    /// so its arrival order is its plan's order. Returns every answer.</summary>
    private static async Task<SubmitResult[]> SubmitConcurrentlyAsync(TestChain chain, Transaction[][] plans)
    {
        using var start = new Barrier(plans.Length);
        var threads = plans.Select(plan => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            var sent = new Task<SubmitResult>[plan.Length];
            for (int i = 0; i < plan.Length; i++) sent[i] = chain.SubmitAsync(plan[i]);
            return sent;
        }, TaskCreationOptions.LongRunning)).ToArray();
        return await Task.WhenAll((await Task.WhenAll(threads)).SelectMany(t => t)).WaitAsync(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task AFreeExecutorAnswersOnTheSubmittingThread()
    {
        await using var chain = Start();
        int answeredAtOnce = 0;
        for (int n = 0; n < 20; n++)
        {
            Task<SubmitResult> sent = chain.SubmitAsync(Transfer(0, Bob, 1, (ulong)n));
            if (sent.IsCompleted) answeredAtOnce++;
            Assert.True((await sent).Accepted);
        }
        // Not all: the executor thread holds the gate briefly for each 5 ms mini-block tick.
        Assert.True(answeredAtOnce >= 10, $"{answeredAtOnce} of 20 executed on the submitting thread");
    }

    private sealed class MiniBlockClock : IObserver<ChainEvent>
    {
        public readonly List<ulong> Times = new();
        public void OnCompleted() { }
        public void OnError(Exception error) { }
        public void OnNext(ChainEvent value) { if (value is MiniBlockEvent m) lock (Times) Times.Add(m.TimestampUs); }
    }

    [Fact]
    public async Task MiniBlocksKeepTheirPaceWhileSubmittersSaturateTheInbox()
    {
        await using var chain = Start(blockMs: 1000); // 5 ms mini-blocks
        var clock = new MiniBlockClock();
        using var subscription = chain.Backend.Events.Subscribe(clock);
        const int perSender = 5000;
        Transaction[][] plans = Enumerable.Range(0, 4)
            .Select(s => Enumerable.Range(0, perSender).Select(n => Transfer(s, Bob, 1, (ulong)n)).ToArray()).ToArray();
        SubmitResult[] results = await SubmitConcurrentlyAsync(chain, plans);
        Assert.All(results, r => Assert.True(r.Accepted && !r.Queued, $"{r.Rejection} {r.Detail}"));

        List<double> gaps;
        lock (clock.Times) gaps = clock.Times.Zip(clock.Times.Skip(1), (a, b) => (b - a) / 1000.0).Order().ToList();
        Assert.True(gaps.Count >= 20, $"{gaps.Count + 1} mini-blocks");
        // A drain that ran until the inbox was empty, or submitters that kept the gate from the executor
        // (the lock lets a waiter in only after ~100 ms), made every tenth gap ~70 ms and the longest 100+ ms.
        double p90 = gaps[gaps.Count * 9 / 10];
        Assert.True(p90 < 50, $"mini-block gaps: p50 {gaps[gaps.Count / 2]:F1} ms, p90 {p90:F1} ms, max {gaps[^1]:F1} ms");
    }

    [Fact]
    public void TimerWaitsRoundUpToWholeMilliseconds()
    {
        long ms = System.Diagnostics.Stopwatch.Frequency / 1000;
        // Rounded down, a wait under 1 ms was Wait(0): the executor thread spun until each tick.
        Assert.Equal(1, Execution.BlockProducer.WholeMilliseconds(1));
        Assert.Equal(1, Execution.BlockProducer.WholeMilliseconds(ms));
        Assert.Equal(2, Execution.BlockProducer.WholeMilliseconds(ms + 1));
        Assert.Equal(10, Execution.BlockProducer.WholeMilliseconds(10 * ms));
    }
}
