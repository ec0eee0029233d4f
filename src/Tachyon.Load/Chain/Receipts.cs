using System.Text.Json;
using Tachyon.Core.Types;
using Tachyon.Load.Rpc;

namespace Tachyon.Load.Chain;

/// <summary>The fields of a receipt the tools look at.</summary>
public readonly record struct ReceiptSummary(bool Success, ulong BlockNumber, Address? ContractAddress, ulong GasUsed)
{
    public static ReceiptSummary From(JsonElement r)
    {
        bool ok = r.TryGetProperty("status", out JsonElement s) && s.ValueKind == JsonValueKind.String && RpcClient.Quantity(s) == 1;
        ulong block = r.TryGetProperty("blockNumber", out JsonElement b) && b.ValueKind == JsonValueKind.String ? RpcClient.Quantity(b) : 0;
        Address? created = r.TryGetProperty("contractAddress", out JsonElement c) && c.ValueKind == JsonValueKind.String
            ? Address.Parse(c.GetString()!) : null;
        ulong gas = r.TryGetProperty("gasUsed", out JsonElement g) && g.ValueKind == JsonValueKind.String ? RpcClient.Quantity(g) : 0;
        return new ReceiptSummary(ok, block, created, gas);
    }
}

/// <summary>Waits for receipts by polling eth_getTransactionReceipt.</summary>
public static class Receipts
{
    private static readonly TimeSpan DefaultPoll = TimeSpan.FromMilliseconds(5);

    /// <param name="poll">Pause between rounds (5 ms unless given); each round asks for every missing receipt, 64 at a time.</param>
    public static async Task<ReceiptSummary[]> WaitAllAsync(RpcClient client, IReadOnlyList<Hash256> hashes, TimeSpan timeout, TimeSpan? poll = null)
    {
        var result = new ReceiptSummary?[hashes.Count];
        var deadline = DateTime.UtcNow + timeout;
        var pending = new List<int>(Enumerable.Range(0, hashes.Count));
        while (pending.Count > 0)
        {
            var found = new bool[pending.Count];
            await Parallel.ForAsync(0, pending.Count, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (k, _) =>
            {
                int i = pending[k];
                RpcResponse r = await client.CallAsync("eth_getTransactionReceipt", $"[\"{hashes[i]}\"]").ConfigureAwait(false);
                if (r.Error is RpcError e) throw new RpcCallException("eth_getTransactionReceipt", e);
                if (r.Result.ValueKind == JsonValueKind.Object)
                {
                    result[i] = ReceiptSummary.From(r.Result);
                    found[k] = true;
                }
            }).ConfigureAwait(false);
            var still = new List<int>();
            for (int k = 0; k < pending.Count; k++) if (!found[k]) still.Add(pending[k]);
            pending = still;
            if (pending.Count == 0) break;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{pending.Count} of {hashes.Count} transactions have no receipt after {timeout.TotalSeconds:0} s (first: {hashes[pending[0]]})");
            await Task.Delay(poll ?? DefaultPoll).ConfigureAwait(false);
        }
        var summaries = new ReceiptSummary[hashes.Count];
        for (int i = 0; i < summaries.Length; i++) summaries[i] = result[i]!.Value;
        return summaries;
    }

    public static async Task<ReceiptSummary> WaitAsync(RpcClient client, Hash256 hash, TimeSpan timeout) =>
        (await WaitAllAsync(client, [hash], timeout).ConfigureAwait(false))[0];
}
