using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using Tachyon.Load.Chain;
using Tachyon.Load.Rpc;

namespace Tachyon.Load.Load;

/// <summary>
/// Sends the pre-signed transactions. Each account's transactions go out one at a time in nonce
/// order (the next only after the node answered the previous), so no connection can reorder an
/// account's nonces. After an error an account stops: its later nonces could only leave a gap.
/// </summary>
public sealed class LoadRunner(IRpcTransport transport, Presigned txs, RunMetrics metrics, bool sync)
{
    private readonly bool[] _stopped = new bool[txs.Accounts];
    private long _skipped;

    /// <summary>Transactions never sent because their account had stopped after an error.</summary>
    public long Skipped => Interlocked.Read(ref _skipped);
    public int StoppedAccounts => _stopped.Count(static s => s);
    /// <summary>True when a closed-loop run sent every pre-signed transaction before its duration ended.</summary>
    public bool BudgetExhausted { get; private set; }

    /// <summary>
    /// Closed loop: <paramref name="workers"/> requests in flight, each worker owning every W-th account.
    /// With <paramref name="batch"/> &gt; 1 a worker sends its accounts' transactions of a round as JSON-RPC
    /// batches of up to that many calls (one call per account, so a batch never holds two nonces of one account).
    /// </summary>
    public async Task RunClosedLoopAsync(int workers, TimeSpan duration, CancellationToken ct, int batch = 1)
    {
        int k = txs.Accounts;
        workers = Math.Clamp(workers, 1, k);
        long end = metrics.Start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var tasks = new Task[workers];
        int finished = 0;
        for (int w = 0; w < workers; w++)
        {
            int worker = w;
            tasks[w] = Task.Run(async () =>
            {
                var chunk = new List<int>(batch);
                for (int r = 0; r < txs.Rounds; r++)
                {
                    for (int a = worker; a < k; a += workers)
                    {
                        if (ct.IsCancellationRequested || Stopwatch.GetTimestamp() >= end) return;
                        if (batch <= 1)
                        {
                            await SendAsync(r * k + a, 0, ct).ConfigureAwait(false); // counts a stopped account's transactions as skipped
                            continue;
                        }
                        chunk.Add(r * k + a);
                        if (chunk.Count == batch) await SendBatchAsync(chunk, ct).ConfigureAwait(false);
                    }
                    if (chunk.Count > 0) await SendBatchAsync(chunk, ct).ConfigureAwait(false);
                }
                Interlocked.Increment(ref finished);
            }, ct);
        }
        await Task.WhenAll(tasks).ConfigureAwait(false);
        BudgetExhausted = finished == workers;
    }

    /// <summary>Open loop: transaction j is due at start + j / rate, whatever the node's answers; lateness is recorded.</summary>
    public async Task RunOpenLoopAsync(double rate, TimeSpan duration, CancellationToken ct)
    {
        int k = txs.Accounts;
        int count = (int)Math.Min(txs.Count, Math.Ceiling(rate * duration.TotalSeconds));
        var due = new long[count];
        var queues = new Channel<int>[k];
        var senders = new Task[k];
        for (int a = 0; a < k; a++)
        {
            var q = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
            queues[a] = q;
            senders[a] = Task.Run(async () =>
            {
                await foreach (int j in q.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
                    await SendAsync(j, due[j], ct).ConfigureAwait(false);
            }, CancellationToken.None);
        }
        int next = 0;
        double ticksPerTx = Stopwatch.Frequency / rate;
        while (next < count && !ct.IsCancellationRequested)
        {
            long now = Stopwatch.GetTimestamp();
            int upTo = (int)Math.Min(count, (now - metrics.Start) / ticksPerTx + 1);
            for (; next < upTo; next++)
            {
                due[next] = metrics.Start + (long)(next * ticksPerTx);
                queues[next % k].Writer.TryWrite(next);
            }
            if (next < count) await Task.Delay(1, CancellationToken.None).ConfigureAwait(false);
        }
        foreach (var q in queues) q.Writer.Complete();
        await Task.WhenAll(senders).ConfigureAwait(false);
    }

    private async Task SendAsync(int j, long dueTs, CancellationToken ct)
    {
        if (Skip(j, ct)) return;
        long t0 = Stopwatch.GetTimestamp();
        if (dueTs != 0) metrics.ScheduleLag.Record(RunMetrics.Micros(dueTs, t0));
        metrics.OnSend(j, t0);
        RpcResponse r;
        try
        {
            r = await transport.SendAsync(txs.Bodies[j], j, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        // A node that is down fails fast; pause so the run reports it instead of spinning.
        if (!Record(j, r, t0, Stopwatch.GetTimestamp())) await Task.Delay(100, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Sends the transactions <paramref name="js"/> (of distinct accounts) as one batch, then clears the list.</summary>
    private async Task SendBatchAsync(List<int> js, CancellationToken ct)
    {
        var bodies = new List<byte[]>(js.Count);
        var ids = new List<long>(js.Count);
        foreach (int j in js)
        {
            if (Skip(j, ct)) continue;
            bodies.Add(txs.Bodies[j]);
            ids.Add(j);
        }
        js.Clear();
        if (ids.Count == 0) return;
        long t0 = Stopwatch.GetTimestamp();
        foreach (long j in ids) metrics.OnSend((int)j, t0);
        RpcResponse[] answers;
        try
        {
            answers = await transport.SendBatchAsync(RpcRequest.Batch(bodies), ids.ToArray(), ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        long t1 = Stopwatch.GetTimestamp();
        bool up = true;
        for (int i = 0; i < answers.Length; i++) up &= Record((int)ids[i], answers[i], t0, t1);
        if (!up) await Task.Delay(100, CancellationToken.None).ConfigureAwait(false);
    }

    // True (and counted as skipped) when the account stopped after an error or the run is cancelled.
    private bool Skip(int j, CancellationToken ct)
    {
        if (!_stopped[j % txs.Accounts] && !ct.IsCancellationRequested) return false;
        Interlocked.Increment(ref _skipped);
        return true;
    }

    /// <summary>Counts one answer; an error stops its account. False for a transport error (the node may be down).</summary>
    private bool Record(int j, RpcResponse r, long t0, long t1)
    {
        if (r.Error is RpcError e)
        {
            metrics.OnError(e.Message, e.IsTransport, t1);
            _stopped[j % txs.Accounts] = true;
            return !e.IsTransport;
        }
        metrics.OnAccepted(t0, t1);
        if (sync) metrics.OnIncluded(j, t1, r.Result.ValueKind == JsonValueKind.Object && ReceiptSummary.From(r.Result).Success);
        return true;
    }
}
