using System.Diagnostics;
using System.Text.Json;
using Tachyon.Core.Types;
using Tachyon.Load.Rpc;

namespace Tachyon.Load.Load;

/// <summary>
/// Finds the run's transactions in blocks by polling: every few ms it reads eth_blockNumber, then
/// each new block (eth_getBlockReceipts when the node has it, for the status; else
/// eth_getBlockByNumber for the hashes). The newest block is read again while it stays the
/// newest (at most every 50 ms), for nodes whose "latest" block still grows. A transaction's
/// inclusion time is when the tracker first saw it: an upper bound, never early.
/// </summary>
public sealed class InclusionTracker(RpcClient client, Presigned txs, RunMetrics metrics, ulong startBlock)
{
    private const int ParallelFetches = 8;
    private static readonly long HeadRefetchTicks = Stopwatch.Frequency / 20;

    private bool? _hasBlockReceipts;
    private ulong _next = startBlock + 1;
    private ulong _lastHead;
    private long _lastHeadFetch;

    private long _pollErrors;

    public long PollErrors => Interlocked.Read(ref _pollErrors);
    public string? LastPollError { get; private set; }
    public string Method => _hasBlockReceipts == true ? "eth_getBlockReceipts" : "eth_getBlockByNumber";

    public async Task RunAsync(TimeSpan pollInterval, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            await PollOnceAsync(ct).ConfigureAwait(false);
            try
            {
                await Task.Delay(pollInterval, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async Task PollOnceAsync(CancellationToken ct)
    {
        RpcResponse head = await client.CallAsync("eth_blockNumber", "[]", CancellationToken.None).ConfigureAwait(false);
        if (head.Error is RpcError e)
        {
            Fail(e.ToString());
            return;
        }
        ulong h = RpcClient.Quantity(head.Result);
        if (h >= _next)
        {
            ulong from = _next, count = h - from; // blocks below the head: read once
            await Parallel.ForAsync(0UL, count, new ParallelOptions { MaxDegreeOfParallelism = ParallelFetches },
                async (i, _) => await FetchAsync(from + i).ConfigureAwait(false)).ConfigureAwait(false);
            _next = h;
        }
        long now = Stopwatch.GetTimestamp();
        if (h != _lastHead || now - _lastHeadFetch >= HeadRefetchTicks)
        {
            _lastHead = h;
            _lastHeadFetch = now;
            if (h > startBlock) await FetchAsync(h).ConfigureAwait(false);
        }
    }

    private async Task FetchAsync(ulong number)
    {
        string n = $"\"0x{number:x}\"";
        if (_hasBlockReceipts != false)
        {
            RpcResponse r = await client.CallAsync("eth_getBlockReceipts", $"[{n}]").ConfigureAwait(false);
            if (r.Error is { IsMethodMissing: true }) _hasBlockReceipts = false;
            else if (r.Error is RpcError e) Fail(e.ToString());
            else
            {
                _hasBlockReceipts = true;
                long seen = Stopwatch.GetTimestamp();
                if (r.Result.ValueKind == JsonValueKind.Array)
                    foreach (JsonElement receipt in r.Result.EnumerateArray())
                        if (receipt.TryGetProperty("transactionHash", out JsonElement th) && th.GetString() is string hs)
                            Match(hs, seen, receipt.TryGetProperty("status", out JsonElement st) && st.GetString() == "0x1");
                return;
            }
            if (_hasBlockReceipts != false) return;
        }
        RpcResponse b = await client.CallAsync("eth_getBlockByNumber", $"[{n},false]").ConfigureAwait(false);
        if (b.Error is RpcError be)
        {
            Fail(be.ToString());
            return;
        }
        long at = Stopwatch.GetTimestamp();
        if (b.Result.ValueKind == JsonValueKind.Object && b.Result.TryGetProperty("transactions", out JsonElement list))
            foreach (JsonElement h in list.EnumerateArray())
                if (h.GetString() is string hs) Match(hs, at, success: true); // status unknown without receipts
    }

    private void Match(string hashHex, long seen, bool success)
    {
        if (!Hash256.TryParse(hashHex, out Hash256 hash)) return;
        int j = txs.IndexOf(hash);
        if (j >= 0) metrics.OnIncluded(j, seen, success);
    }

    private void Fail(string message)
    {
        Interlocked.Increment(ref _pollErrors);
        LastPollError = message;
    }
}
