using System.Diagnostics;
using Tachyon.Load.Chain;
using Tachyon.Load.Cli;
using Tachyon.Load.Output;
using Tachyon.Load.Rpc;
using Tachyon.Load.Stats;

namespace Tachyon.Load.Load;

/// <summary>`tachyon load`: set up accounts and contracts, pre-sign, send, track receipts, report.</summary>
public static class LoadCommand
{
    public static int Main(string[] args)
    {
        ClientRuntime.ForLoad();
        return CommandRunner.Run("load", LoadOptions.Usage, args, async () =>
        {
            LoadOptions o = LoadOptions.Parse(args);
            LoadResult r = await RunAsync(o, Console.Out).ConfigureAwait(false);
            Print(r, Console.Out);
            if (o.JsonPath is string json) JsonOutput.Write(json, r);
            if (o.PlotPath is string png) PlotOutput.Write(png, r);
            return r.Accepted > 0 ? 0 : 1;
        });
    }

    public static async Task<LoadResult> RunAsync(LoadOptions o, TextWriter log, bool showProgress = true)
    {
        void Log(string s) => log.WriteLine(s);
        await using ChainSession s = await ChainSession.OpenAsync(o.Rpc, o.FunderKey, o.Legacy).ConfigureAwait(false);
        Log($"node {o.Rpc}: chain id {s.ChainId}, fees {s.Fees}, funder {s.Funder.Address}");
        string method = o.Sync ? "eth_sendRawTransactionSync" : "eth_sendRawTransaction";
        if (o.Sync) await RequireMethodAsync(s.Client, method).ConfigureAwait(false);

        ulong seed = o.Seed ?? (ulong)Random.Shared.NextInt64();
        LoadAccount[] accounts = LoadAccount.Derive(seed, o.Accounts);
        await s.ReadNoncesAsync(accounts).ConfigureAwait(false);
        int rounds = o.Rounds;
        Workload w = await Workload.PrepareAsync(o.Workload, s, accounts, rounds, Log).ConfigureAwait(false);

        Log($"pre-signing {rounds * (long)accounts.Length:N0} transactions on {Environment.ProcessorCount} cores (seed {seed})");
        var sw = Stopwatch.StartNew();
        Presigned txs = Presigned.Sign(s.Fees, s.ChainId, accounts, w, rounds, method);
        double presignSeconds = sw.Elapsed.TotalSeconds;
        Log($"signed in {presignSeconds:0.00} s");

        await using IRpcTransport senders = await IRpcTransport.OpenAsync(o.SendUrl, o.Connections).ConfigureAwait(false);
        ulong startBlock = await s.Client.BlockNumberAsync().ConfigureAwait(false);
        var metrics = new RunMetrics(txs.Count, (int)Math.Ceiling(o.DurationSeconds + o.DrainSeconds) + 3);
        var runner = new LoadRunner(senders, txs, metrics, o.Sync);
        await using var trackerHttp = new HttpRpcTransport(o.HttpUrl, 4);
        InclusionTracker? tracker = o.Sync ? null : new InclusionTracker(trackerHttp, txs, metrics, startBlock);
        if (tracker != null) await tracker.DetectAsync().ConfigureAwait(false);

        string mode = o.Rate is double rate ? $"open loop at {rate:0.##} tx/s" : $"closed loop, {o.InFlightOrDefault} in flight";
        Log($"sending {w.Kind} for {o.DurationSeconds:0.##} s, {mode}, over {senders.Describe}{(o.Sync ? ", " + method : "")}");
        using var stopTracker = new CancellationTokenSource();
        bool finished = false;
        metrics.Begin();
        Task trackerTask = tracker?.RunAsync(TimeSpan.FromMilliseconds(o.PollMs), stopTracker.Token) ?? Task.CompletedTask;
        Task progress = showProgress ? ProgressView.ShowAsync(metrics, () => Volatile.Read(ref finished), $"{w.Kind} → {o.Rpc}") : Task.CompletedTask;
        try
        {
            if (o.Rate is double r) await runner.RunOpenLoopAsync(r, TimeSpan.FromSeconds(o.DurationSeconds), CancellationToken.None).ConfigureAwait(false);
            else await runner.RunClosedLoopAsync(o.InFlightOrDefault, TimeSpan.FromSeconds(o.DurationSeconds), CancellationToken.None).ConfigureAwait(false);
            double sendSeconds = metrics.ElapsedSeconds(Stopwatch.GetTimestamp());
            // Drain: wait for receipts of what was accepted, while they keep coming.
            long drainEnd = Stopwatch.GetTimestamp() + (long)(o.DrainSeconds * Stopwatch.Frequency);
            while (Interlocked.Read(ref metrics.Included) < Interlocked.Read(ref metrics.Accepted) && Stopwatch.GetTimestamp() < drainEnd)
                await Task.Delay(20).ConfigureAwait(false);
            stopTracker.Cancel();
            await trackerTask.ConfigureAwait(false);
            (int Checked, int Failed)? sample = tracker is { Method: "eth_getBlockByNumber" }
                ? await SampleStatusAsync(s.Client, txs, metrics).ConfigureAwait(false) : null;
            return Summarize(o, s, senders, txs, metrics, runner, tracker, w, mode, presignSeconds, sendSeconds) with
            {
                Seed = seed,
                StatusSampled = sample?.Checked ?? 0,
                RevertedInSample = sample?.Failed ?? 0,
            };
        }
        finally
        {
            Volatile.Write(ref finished, true);
            await progress.ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Without eth_getBlockReceipts the tracker sees hashes but not statuses: read the receipts of up
    /// to 200 included transactions, spread over the run, and count the failed ones.
    /// </summary>
    private static async Task<(int, int)> SampleStatusAsync(RpcClient client, Presigned txs, RunMetrics m)
    {
        var included = new List<Tachyon.Core.Types.Hash256>();
        for (int j = 0; j < txs.Count; j++) if (m.IsIncluded(j)) included.Add(txs.Hashes[j]);
        if (included.Count == 0) return (0, 0);
        int step = Math.Max(1, included.Count / 200);
        var sample = new List<Tachyon.Core.Types.Hash256>();
        for (int i = 0; i < included.Count; i += step) sample.Add(included[i]);
        ReceiptSummary[] receipts = await Receipts.WaitAllAsync(client, sample, TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        return (receipts.Length, receipts.Count(static r => !r.Success));
    }

    /// <summary>Fails clearly when the node lacks <paramref name="method"/> (a garbage argument tells "missing" from "bad params").</summary>
    internal static async Task RequireMethodAsync(RpcClient client, string method)
    {
        RpcResponse r = await client.CallAsync(method, "[\"0x00\"]").ConfigureAwait(false);
        if (r.Error is { IsMethodMissing: true } e)
            throw new InvalidOperationException($"the node does not support {method} ({e}); run without --sync");
        if (r.Error is { IsTransport: true } t) throw new RpcCallException(method, t);
    }

    private static LoadResult Summarize(LoadOptions o, ChainSession s, IRpcTransport senders, Presigned txs, RunMetrics m, LoadRunner runner,
        InclusionTracker? tracker, Workload w, string mode, double presignSeconds, double sendSeconds)
    {
        var series = new List<SecondSample>();
        for (int i = 0; i < m.Seconds; i++)
        {
            LatencyHistogram? h = m.LatencyPerSecond[i];
            series.Add(new SecondSample(i, m.SentPerSecond[i], m.AcceptedPerSecond[i], m.IncludedPerSecond[i], m.ErrorsPerSecond[i],
                (h?.Percentile(50) ?? 0) / 1000.0, (h?.Percentile(99) ?? 0) / 1000.0));
        }
        // Trim the empty tail of the series (the drain seconds nobody used).
        int keep = series.Count;
        while (keep > 1 && series[keep - 1] is { Sent: 0, Accepted: 0, Included: 0, Errors: 0 }) keep--;
        double lastInclusionSeconds = m.LastIncludedAt == 0 ? 0 : m.ElapsedSeconds(m.LastIncludedAt);
        return new LoadResult
        {
            Rpc = o.SendUrl.ToString(),
            Transport = senders.Describe,
            Workload = w.Kind.ToString().ToLowerInvariant(),
            Mode = mode,
            Rate = o.Rate,
            Accounts = o.Accounts,
            DurationSeconds = o.DurationSeconds,
            Sync = o.Sync,
            ChainId = s.ChainId,
            Fees = s.Fees.ToString(),
            ReceiptSource = o.Sync ? "eth_sendRawTransactionSync answers" : $"block polling every {o.PollMs} ms ({tracker!.Method})",
            StatusChecked = o.Sync || tracker!.Method == "eth_getBlockReceipts",
            Presigned = txs.Count,
            PresignSeconds = presignSeconds,
            SendSeconds = sendSeconds,
            LastInclusionSeconds = lastInclusionSeconds,
            Sent = m.Sent,
            Accepted = m.Accepted,
            Rejected = m.Rejected,
            TransportErrors = m.TransportErrors,
            Included = m.Included,
            Reverted = m.Reverted,
            Skipped = runner.Skipped,
            StoppedAccounts = runner.StoppedAccounts,
            BudgetExhausted = o.Max && runner.BudgetExhausted,
            TrackerErrors = tracker?.PollErrors ?? 0,
            LastTrackerError = tracker?.LastPollError,
            Latency = LatencySummary.Of(m.Latency),
            AcceptLatency = LatencySummary.Of(m.AcceptLatency),
            ScheduleLag = o.Rate is null ? null : LatencySummary.Of(m.ScheduleLag),
            Errors = m.Errors().Take(10).ToList(),
            Series = series.GetRange(0, keep),
        };
    }

    public static void Print(LoadResult r, TextWriter w)
    {
        w.WriteLine();
        w.WriteLine($"{r.Workload} on {r.Rpc} ({r.Transport}), {r.Mode}, {r.Accounts} accounts, {r.SendSeconds:0.00} s of sending");
        w.WriteLine($"  sent {r.Sent:N0}, accepted {r.Accepted:N0} ({r.AcceptedTps:N0} tx/s), included {r.Included:N0} ({r.IncludedTps:N0} tx/s)");
        w.WriteLine($"  send → receipt latency [{r.ReceiptSource}]: {r.Latency}");
        w.WriteLine($"  send → accepted latency: {r.AcceptLatency}");
        if (r.ScheduleLag is LatencySummary lag) w.WriteLine($"  open-loop schedule lag: {lag}");
        if (r.Reverted > 0) w.WriteLine($"  REVERTED: {r.Reverted:N0} included transactions have status 0");
        if (!r.StatusChecked)
            w.WriteLine($"  (the node has no eth_getBlockReceipts: status read for a sample of {r.StatusSampled:N0} receipts, {r.RevertedInSample:N0} failed)");
        if (r.NotIncluded > 0) w.WriteLine($"  NOT INCLUDED: {r.NotIncluded:N0} accepted transactions have no receipt after the drain");
        if (r.Rejected + r.TransportErrors > 0)
        {
            w.WriteLine($"  ERRORS: {r.Rejected:N0} rejected by the node, {r.TransportErrors:N0} transport failures; {r.StoppedAccounts} accounts stopped, {r.Skipped:N0} transactions not sent:");
            foreach (var (msg, n) in r.Errors) w.WriteLine($"    {n,8:N0} × {msg}");
        }
        if (r.TrackerErrors > 0) w.WriteLine($"  block polling failed {r.TrackerErrors:N0} times, last: {r.LastTrackerError}");
        if (r.BudgetExhausted) w.WriteLine($"  note: all {r.Presigned:N0} pre-signed transactions were sent before the duration ended (raise --txs)");
    }
}
