using System.Diagnostics;
using System.Runtime;
using System.Text.Json;
using Tachyon.Load.Chain;
using Tachyon.Load.Cli;
using Tachyon.Load.Load;
using Tachyon.Load.Output;
using Tachyon.Load.Rpc;

namespace Tachyon.Load.Compare;

/// <summary>What `tachyon compare block` reports.</summary>
/// <param name="ClientCpuSeconds">CPU time this client process used in the timed part (the node shares the machine's cores with it).</param>
public sealed record BlockResult(string Rpc, string Mode, int Txs, int Accounts, int Connections, int Batch, double Seconds, long Included, long Reverted,
    int Blocks, string? Error, double ClientCpuSeconds)
{
    public double Tps => Seconds > 0 ? Included / Seconds : 0;

    /// <summary>With --repeat: every run's time in run order (this result is the median run).</summary>
    public IReadOnlyList<double>? RunSeconds { get; init; }
}

public enum BlockMode { Mine, Stream, Sync }

/// <summary>
/// `tachyon compare block`: N transfers from K fresh accounts, timed from the first send until every
/// receipt exists. --mode mine (Hardhat, anvil): automine off (evm_setAutomine false), send all,
/// evm_mine, then check the mined block(s) hold them all. --mode stream (Tachyon, which executes on
/// arrival): send all with eth_sendRawTransaction, then wait for the receipt of each account's last
/// transaction (nonces leave no gaps, so it proves all of that account's are in). --mode sync: send
/// with eth_sendRawTransactionSync, whose answers are the receipts. --batch N sends the transactions
/// as JSON-RPC batches of N (one per account) on every mode and node alike. Before the clock starts
/// the client sends --warmup read-only calls through the same code, so the timed part does not pay
/// for the client's own JIT compilation. --repeat N does all of it N times (fresh accounts each time)
/// and reports the median run, so one noisy moment of a shared machine does not decide the figure.
/// </summary>
public static class BlockCommand
{
    public const string Usage = "tachyon compare block --rpc URL [--mode mine|stream|sync] [--txs N] [--accounts K] [--connections C] [--batch N] [--warmup CALLS] [--repeat N] [--key 0x..] [--json FILE]";

    public static async Task<int> MainAsync(string[] args)
    {
        Uri? rpc = null;
        BlockMode mode = BlockMode.Stream;
        int txs = 10_000, accounts = 100, connections = 25; // 100 requests in flight: one per account
        int batch = 1, warmup = 2_000, repeat = 1;
        byte[] key = LoadAccount.DevKey0;
        string? json = null;
        var r = new ArgReader("compare block", args);
        while (r.Next())
        {
            switch (r.Current)
            {
                case "--rpc": rpc = r.Url(); break;
                case "--mode":
                    mode = r.Value() switch
                    {
                        "mine" => BlockMode.Mine,
                        "stream" => BlockMode.Stream,
                        "sync" => BlockMode.Sync,
                        var m => throw new UsageException($"--mode must be mine, stream or sync, not '{m}'"),
                    };
                    break;
                case "--txs": txs = r.Int(1, 1_000_000); break;
                case "--accounts": accounts = r.Int(1, 100_000); break;
                case "--connections": connections = r.Int(1, 1024); break;
                case "--batch": batch = r.Int(1, 1000); break;
                case "--warmup": warmup = r.Int(0, 1_000_000); break;
                case "--repeat": repeat = r.Int(1, 50); break;
                case "--key": key = r.Key(); break;
                case "--json": json = r.Value(); break;
                default: throw r.Unknown();
            }
        }
        if (rpc is null) throw new UsageException("--rpc URL is required");
        if (txs % accounts != 0) throw new UsageException("--txs must be a multiple of --accounts (each account sends the same number)");
        if (batch > accounts) throw new UsageException("--batch must not exceed --accounts (a batch holds one transaction per account)");
        var runs = new List<BlockResult>(repeat);
        BlockResult result;
        do
        {
            result = await RunAsync(rpc, mode, txs, accounts, connections, key, Console.Out, batch, warmup).ConfigureAwait(false);
            runs.Add(result);
            Console.WriteLine($"block of {result.Txs:N0} transfers on {result.Rpc} ({result.Mode}): {result.Seconds * 1000:0.#} ms from first send to all receipts, " +
                              $"{result.Included:N0} included in {result.Blocks} block(s), {result.Tps:N0} tx/s; client CPU {result.ClientCpuSeconds * 1000:0} ms");
        } while (result.Error == null && runs.Count < repeat);
        if (result.Error != null) Console.WriteLine("  ERROR: " + result.Error);
        else if (repeat > 1)
        {
            result = Median(runs);
            Console.WriteLine($"median of {repeat} runs: {result.Seconds * 1000:0.#} ms (runs: {string.Join(", ", runs.ConvertAll(x => (x.Seconds * 1000).ToString("0.#")))} ms)");
        }
        if (json != null) JsonOutput.Write(json, result);
        return result.Error == null ? 0 : 1;
    }

    /// <summary>The run with the median time (the lower of the middle two for an even count), carrying every run's time.</summary>
    public static BlockResult Median(IReadOnlyList<BlockResult> runs)
    {
        var order = new List<BlockResult>(runs);
        order.Sort((a, b) => a.Seconds.CompareTo(b.Seconds));
        var times = new double[runs.Count];
        for (int i = 0; i < times.Length; i++) times[i] = runs[i].Seconds;
        return order[(order.Count - 1) / 2] with { RunSeconds = times };
    }

    public static async Task<BlockResult> RunAsync(Uri rpc, BlockMode mode, int txCount, int k, int connections, byte[] key, TextWriter log,
        int batch = 1, int warmup = 0)
    {
        await using ChainSession s = await ChainSession.OpenAsync(rpc, key, legacy: false).ConfigureAwait(false);
        int rounds = txCount / k;
        LoadAccount[] accounts = LoadAccount.Derive((ulong)Random.Shared.NextInt64(), k);
        Workload w = await Workload.PrepareAsync(WorkloadKind.Transfer, s, accounts, rounds, log.WriteLine).ConfigureAwait(false);
        bool mine = mode == BlockMode.Mine, sync = mode == BlockMode.Sync;
        string method = "eth_sendRawTransaction";
        if (sync)
        {
            await LoadCommand.RequireMethodAsync(s.Client, "eth_sendRawTransactionSync").ConfigureAwait(false);
            method = "eth_sendRawTransactionSync";
        }
        Presigned txs = Presigned.Sign(s.Fees, s.ChainId, accounts, w, rounds, method);
        await using IRpcTransport senders = await IRpcTransport.OpenAsync(rpc, connections).ConfigureAwait(false);
        var metrics = new RunMetrics(txs.Count, 600);
        var runner = new LoadRunner(senders, txs, metrics, sync);
        // Unbatched: 4 requests in flight per connection; batched: one batch per group of `batch` accounts.
        int workers = batch > 1 ? (k + batch - 1) / batch : connections * 4;
        ulong before = await s.Client.BlockNumberAsync().ConfigureAwait(false);
        string modeText = mode switch
        {
            BlockMode.Mine => "automine off, send all, evm_mine",
            BlockMode.Stream => "streamed, eth_sendRawTransaction, then each account's last receipt",
            _ => "streamed, eth_sendRawTransactionSync",
        };
        if (batch > 1) modeText += $", batches of {batch}";
        await WarmUpAsync(senders, warmup, k, workers, batch).ConfigureAwait(false);
        log.WriteLine($"sending {txs.Count:N0} transfers from {k} accounts over {senders.Describe} ({modeText})");

        if (mine) await s.Client.CallOkAsync("evm_setAutomine", "[false]").ConfigureAwait(false);
        double seconds;
        TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
        try
        {
            metrics.Begin();
            await runner.RunClosedLoopAsync(workers, TimeSpan.FromHours(1), CancellationToken.None, batch).ConfigureAwait(false);
            if (mine) await s.Client.CallOkAsync("evm_mine", "[]").ConfigureAwait(false);
            if (mode == BlockMode.Stream && metrics.Accepted == txs.Count)
            {
                var last = new Tachyon.Core.Types.Hash256[k];
                for (int a = 0; a < k; a++) last[a] = txs.Hashes[(rounds - 1) * k + a];
                // One receipt polled every millisecond until the node has sealed what it executed, then
                // all of them: polling all 100 at 5 ms steps added ~10 ms of slack to a ~400 ms figure.
                TimeSpan ms = TimeSpan.FromMilliseconds(1), limit = TimeSpan.FromSeconds(60);
                await Receipts.WaitAllAsync(s.Client, [last[k - 1]], limit, ms).ConfigureAwait(false);
                ReceiptSummary[] receipts = await Receipts.WaitAllAsync(s.Client, last, limit, ms).ConfigureAwait(false);
                long at = Stopwatch.GetTimestamp();
                for (int j = 0; j < txs.Count; j++) metrics.OnIncluded(j, at, success: receipts[j % k].Success);
            }
            seconds = metrics.ElapsedSeconds(Stopwatch.GetTimestamp());
            cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        }
        finally
        {
            if (mine) await s.Client.CallAsync("evm_setAutomine", "[true]").ConfigureAwait(false);
        }

        // Check: every transaction is in a block after `before` (mine mode), or was answered with a successful receipt (stream).
        ulong after = await s.Client.BlockNumberAsync().ConfigureAwait(false);
        int blocks = (int)(after - before);
        if (mine)
        {
            for (ulong n = before + 1; n <= after; n++)
            {
                JsonElement b = await s.Client.CallOkAsync("eth_getBlockByNumber", $"[\"0x{n:x}\",false]").ConfigureAwait(false);
                foreach (JsonElement h in b.GetProperty("transactions").EnumerateArray())
                {
                    int j = txs.IndexOf(Tachyon.Core.Types.Hash256.Parse(h.GetString()!));
                    if (j >= 0) metrics.OnIncluded(j, Stopwatch.GetTimestamp(), success: true);
                }
            }
        }
        string? error = null;
        if (metrics.Rejected + metrics.TransportErrors > 0) error = $"{metrics.Rejected + metrics.TransportErrors} sends failed: {metrics.Errors()[0].Key}";
        else if (metrics.Included != txs.Count) error = $"only {metrics.Included} of {txs.Count} transactions have receipts";
        else if (metrics.Reverted > 0) error = $"{metrics.Reverted} transactions reverted";
        return new BlockResult(rpc.ToString(), modeText, txs.Count, k, connections, batch, seconds, metrics.Included, metrics.Reverted, blocks, error, cpu.TotalSeconds);
    }

    /// <summary>
    /// Sends <paramref name="calls"/> eth_chainId calls the way the run will send its transactions (same
    /// workers, batches and code), in two passes, each followed by a wait until the JIT is idle: the
    /// runtime recompiles hot methods in the background only after a quiet moment, and on 2 cores a
    /// fixed 300 ms pause left ~235 of them (a third of the client's CPU) to compile inside the timed part.
    /// </summary>
    private static async Task WarmUpAsync(IRpcTransport senders, int calls, int k, int workers, int batch)
    {
        if (calls <= 0) return;
        Presigned warm = Presigned.Calls(k, Math.Max(1, calls / k), "eth_chainId", "[]");
        for (int pass = 0; pass < 2; pass++)
        {
            var metrics = new RunMetrics(warm.Count, 600);
            metrics.Begin();
            await new LoadRunner(senders, warm, metrics, sync: false).RunClosedLoopAsync(workers, TimeSpan.FromMinutes(5), CancellationToken.None, batch)
                .ConfigureAwait(false);
            await UntilJitIdleAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Waits until no method was compiled for 300 ms (the runtime's tiering delay is 100 ms), at most 5 s.</summary>
    private static async Task UntilJitIdleAsync()
    {
        long give = Stopwatch.GetTimestamp() + 5 * Stopwatch.Frequency;
        long seen = JitInfo.GetCompiledMethodCount();
        int quiet = 0;
        while (quiet < 3 && Stopwatch.GetTimestamp() < give)
        {
            await Task.Delay(100).ConfigureAwait(false);
            long now = JitInfo.GetCompiledMethodCount();
            quiet = now == seen ? quiet + 1 : 0;
            seen = now;
        }
    }
}
