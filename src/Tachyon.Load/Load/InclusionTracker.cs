using System.Diagnostics;
using System.Text.Json;
using Tachyon.Core.Types;
using Tachyon.Load.Rpc;

namespace Tachyon.Load.Load;

/// <summary>
/// Finds the run's transactions in blocks by polling over its own HTTP connections: every few ms
/// it reads eth_blockNumber, then all new blocks in JSON-RPC batches (eth_getBlockReceipts when the
/// node has it, for the status; else eth_getBlockByNumber for the hashes). While a block stays the
/// newest, its transaction count is asked again (at most every 50 ms) and the block read again only
/// when the count grew: some nodes' "latest" block still grows, and re-reading a sealed block of
/// 10k receipts 20 times a second would cost the node under test more than the load itself.
/// A transaction's inclusion time is when the tracker first saw it: an upper bound.
/// </summary>
public sealed class InclusionTracker(HttpRpcTransport http, Presigned txs, RunMetrics metrics, ulong startBlock)
{
    private const int BatchSize = 100;
    private const int ParallelBatches = 4;
    private static readonly long HeadRefetchTicks = Stopwatch.Frequency / 20;

    private bool _hasBlockReceipts;
    // The start block itself is read too: where "latest" still grows, the run's first transactions may join it.
    private ulong _next = startBlock;
    private ulong _lastHead;
    private long _lastHeadFetch;
    private int _lastHeadCount;
    private long _pollErrors;

    public long PollErrors => Interlocked.Read(ref _pollErrors);
    public string? LastPollError { get; private set; }
    public string Method => _hasBlockReceipts ? "eth_getBlockReceipts" : "eth_getBlockByNumber";

    /// <summary>Asks once whether the node has eth_getBlockReceipts.</summary>
    public async Task DetectAsync()
    {
        string p = $"[\"0x{_next:x}\"]";
        RpcResponse r = await http.SendAsync(RpcRequest.Build(1, "eth_getBlockReceipts", p), 1).ConfigureAwait(false);
        _hasBlockReceipts = r.Ok;
    }

    public async Task RunAsync(TimeSpan pollInterval, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            await PollOnceAsync().ConfigureAwait(false);
            try
            {
                await Task.Delay(pollInterval, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        await PollOnceAsync().ConfigureAwait(false); // a last look after the drain
    }

    public async Task PollOnceAsync()
    {
        RpcResponse head = await http.SendAsync(RpcRequest.Build(0, "eth_blockNumber", "[]"), 0).ConfigureAwait(false);
        if (head.Error is RpcError e)
        {
            Fail(e.ToString());
            return;
        }
        ulong h = RpcClient.Quantity(head.Result);
        if (h > _next)
        {
            ulong from = _next;
            int batches = (int)((h - from + BatchSize - 1) / BatchSize);
            await Parallel.ForAsync(0, batches, new ParallelOptions { MaxDegreeOfParallelism = ParallelBatches }, async (b, _) =>
            {
                ulong first = from + (ulong)b * BatchSize;
                await FetchAsync(first, Math.Min(h, first + BatchSize)).ConfigureAwait(false);
            }).ConfigureAwait(false);
            _next = h;
        }
        long now = Stopwatch.GetTimestamp();
        if (h != _lastHead)
        {
            _lastHead = h;
            _lastHeadFetch = now;
            _lastHeadCount = await FetchAsync(h, h + 1).ConfigureAwait(false);
        }
        else if (now - _lastHeadFetch >= HeadRefetchTicks)
        {
            _lastHeadFetch = now;
            RpcResponse count = await http.SendAsync(RpcRequest.Build(0, "eth_getBlockTransactionCountByNumber", $"[\"0x{h:x}\"]"), 0).ConfigureAwait(false);
            if (count.Error is RpcError ce)
            {
                Fail(ce.ToString());
                return;
            }
            if (count.Result.ValueKind == JsonValueKind.String && RpcClient.Quantity(count.Result) > (ulong)_lastHeadCount)
                _lastHeadCount = await FetchAsync(h, h + 1).ConfigureAwait(false);
        }
    }

    /// <summary>Reads blocks [from, to) in one batch; returns how many transactions the last of them has.</summary>
    private async Task<int> FetchAsync(ulong from, ulong to)
    {
        int lastCount = 0;
        var calls = new List<(string, string)>((int)(to - from));
        for (ulong n = from; n < to; n++)
            calls.Add(_hasBlockReceipts ? ("eth_getBlockReceipts", $"[\"0x{n:x}\"]") : ("eth_getBlockByNumber", $"[\"0x{n:x}\",false]"));
        RpcResponse[] answers = await http.SendBatchAsync(calls).ConfigureAwait(false);
        long seen = Stopwatch.GetTimestamp();
        foreach (RpcResponse r in answers)
        {
            if (r.Error is RpcError e)
            {
                Fail(e.ToString());
                continue;
            }
            if (_hasBlockReceipts)
            {
                if (r.Result.ValueKind != JsonValueKind.Array) continue;
                lastCount = r.Result.GetArrayLength();
                foreach (JsonElement receipt in r.Result.EnumerateArray())
                    if (receipt.TryGetProperty("transactionHash", out JsonElement th) && th.GetString() is string hs)
                        Match(hs, seen, receipt.TryGetProperty("status", out JsonElement st) && st.GetString() == "0x1");
            }
            else if (r.Result.ValueKind == JsonValueKind.Object && r.Result.TryGetProperty("transactions", out JsonElement list))
            {
                lastCount = list.GetArrayLength();
                foreach (JsonElement h in list.EnumerateArray())
                    if (h.GetString() is string hs) Match(hs, seen, success: true); // status unknown without receipts
            }
        }
        return lastCount;
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
