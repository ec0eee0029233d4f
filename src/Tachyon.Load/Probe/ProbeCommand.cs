using System.Diagnostics;
using System.Text.Json;
using Tachyon.Core.Numerics;
using Tachyon.Core.Types;
using Tachyon.Load.Chain;
using Tachyon.Load.Cli;
using Tachyon.Load.Load;
using Tachyon.Load.Output;
using Tachyon.Load.Rpc;
using Tachyon.Load.Stats;

namespace Tachyon.Load.Probe;

/// <summary>What `tachyon probe` reports.</summary>
public sealed record ProbeResult(string Rpc, string Method, int Warmup, int Count, int Errors, string? FirstError,
    double Seconds, LatencySummary Latency)
{
    /// <summary>Transactions per second one client gets sending each after the previous one's receipt.</summary>
    public double SingleClientTps => Seconds > 0 ? Count / Seconds : 0;
}

/// <summary>
/// `tachyon probe`: transfers sent one after another over ONE connection (a WebSocket for ws://),
/// each with eth_sendRawTransactionSync, so each send's answer is its receipt; reports the
/// send → receipt latency after a warm-up. On a node without the sync method it says so and, with
/// --fallback, uses eth_sendRawTransaction then eth_getTransactionReceipt until it appears.
/// </summary>
public static class ProbeCommand
{
    public const string Usage = "tachyon probe --rpc ws://HOST:PORT [--count N] [--warmup N] [--key 0x..] [--fallback] [--json FILE]";

    public static int Main(string[] args) => CommandRunner.Run("probe", Usage, args, async () =>
    {
        Uri? rpc = null;
        int count = 1000, warmup = 100;
        byte[] key = LoadAccount.DevKey0;
        bool fallback = false;
        string? json = null;
        var r = new ArgReader("probe", args);
        while (r.Next())
        {
            switch (r.Current)
            {
                case "--rpc": rpc = r.Url(); break;
                case "--count": count = r.Int(1, 10_000_000); break;
                case "--warmup": warmup = r.Int(0, 1_000_000); break;
                case "--key": key = r.Key(); break;
                case "--fallback": fallback = true; break;
                case "--json": json = r.Value(); break;
                default: throw r.Unknown();
            }
        }
        if (rpc is null) throw new UsageException("--rpc URL is required");
        ProbeResult result = await RunAsync(rpc, count, warmup, key, fallback, Console.Out).ConfigureAwait(false);
        Console.WriteLine($"probe {result.Rpc} ({result.Method}, one connection): {result.Count:N0} transfers after {result.Warmup:N0} warm-up");
        Console.WriteLine($"  send → receipt: {result.Latency}");
        Console.WriteLine($"  single-client throughput: {result.SingleClientTps:N0} tx/s");
        if (result.Errors > 0) Console.WriteLine($"  ERRORS: {result.Errors}, first: {result.FirstError}");
        if (json != null) JsonOutput.Write(json, result);
        return result.Errors == 0 ? 0 : 1;
    });

    public static async Task<ProbeResult> RunAsync(Uri rpc, int count, int warmup, byte[] key, bool fallback, TextWriter log)
    {
        await using ChainSession s = await ChainSession.OpenAsync(rpc, key, legacy: false, connections: 1).ConfigureAwait(false);
        string method = "eth_sendRawTransactionSync";
        RpcResponse check = await s.Client.CallAsync(method, "[\"0x00\"]").ConfigureAwait(false);
        if (check.Error is { IsMethodMissing: true } missing)
        {
            if (!fallback) throw new InvalidOperationException($"the node does not support {method} ({missing}); --fallback measures eth_sendRawTransaction + eth_getTransactionReceipt instead");
            method = "eth_sendRawTransaction+eth_getTransactionReceipt";
        }
        bool sync = method == "eth_sendRawTransactionSync";
        log.WriteLine($"probe: chain {s.ChainId}, sender {s.Funder.Address} from nonce {s.Funder.Nonce}, {method}, fees {s.Fees}");
        int total = warmup + count;
        var signed = new SignedTx[total];
        ulong nonce0 = s.Funder.Nonce;
        Parallel.For(0, total, i => signed[i] = SignedTx.Sign(
            s.Fees.Unsigned(s.ChainId, nonce0 + (ulong)i, LoadAccount.DevAddress1, UInt256.One, ReadOnlyMemory<byte>.Empty, 21_000), s.Funder.Key));

        // Request bodies are built up front so the timed loop only sends and parses.
        var bodies = new byte[total][];
        for (int i = 0; i < total; i++) bodies[i] = RpcRequest.SendRaw(i, sync ? "eth_sendRawTransactionSync" : "eth_sendRawTransaction", signed[i].Raw);
        var hist = new LatencyHistogram();
        int errors = 0;
        string? firstError = null;
        long measuredStart = 0;
        System.Runtime.GCLatencyMode gcMode = System.Runtime.GCSettings.LatencyMode;
        System.Runtime.GCSettings.LatencyMode = System.Runtime.GCLatencyMode.SustainedLowLatency;
        try
        {
            for (int i = 0; i < total; i++)
            {
                if (i == warmup) measuredStart = Stopwatch.GetTimestamp();
                long t0 = Stopwatch.GetTimestamp();
                RpcResponse sent = await s.Client.Transport.SendAsync(bodies[i], i).ConfigureAwait(false);
                string? error = sync ? ReceiptError(sent) : await PollReceiptAsync(s.Client, sent, signed[i]).ConfigureAwait(false);
                long t1 = Stopwatch.GetTimestamp();
                if (error != null)
                {
                    // The next nonces cannot succeed after a failed one: stop with the reason.
                    errors++;
                    firstError ??= $"transaction {i} ({signed[i].Hash}): {error}";
                    break;
                }
                if (i >= warmup) hist.Record(RunMetrics.Micros(t0, t1));
            }
        }
        finally
        {
            System.Runtime.GCSettings.LatencyMode = gcMode;
        }
        double seconds = measuredStart == 0 ? 0 : (Stopwatch.GetTimestamp() - measuredStart) / (double)Stopwatch.Frequency;
        return new ProbeResult(rpc.ToString(), method, warmup, (int)hist.Count, errors, firstError, seconds, LatencySummary.Of(hist));
    }

    private static string? ReceiptError(RpcResponse r)
    {
        if (r.Error is RpcError e) return e.ToString();
        if (r.Result.ValueKind != JsonValueKind.Object) return "the answer is not a receipt";
        return ReceiptSummary.From(r.Result).Success ? null : "receipt status 0";
    }

    /// <summary>After eth_sendRawTransaction: asks for the receipt on the same connection until it exists.</summary>
    private static async Task<string?> PollReceiptAsync(RpcClient c, RpcResponse sent, SignedTx tx)
    {
        if (sent.Error is RpcError e) return e.ToString();
        string p = $"[\"{tx.Hash}\"]";
        long deadline = Stopwatch.GetTimestamp() + 30 * Stopwatch.Frequency;
        while (Stopwatch.GetTimestamp() < deadline)
        {
            RpcResponse q = await c.CallAsync("eth_getTransactionReceipt", p).ConfigureAwait(false);
            if (q.Error is RpcError qe) return qe.ToString();
            if (q.Result.ValueKind == JsonValueKind.Object) return ReceiptError(q);
        }
        return "no receipt within 30 s";
    }
}
