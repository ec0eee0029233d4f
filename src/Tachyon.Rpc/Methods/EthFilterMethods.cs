using Tachyon.Core.Blocks;
using Tachyon.Core.Types;
using Tachyon.Rpc.Backend;
using Tachyon.Rpc.Filters;
using Tachyon.Rpc.Json;

namespace Tachyon.Rpc.Methods;

/// <summary>eth_newFilter / eth_newBlockFilter / eth_newPendingTransactionFilter / eth_getFilterChanges / eth_getFilterLogs / eth_uninstallFilter.</summary>
public static class EthFilterMethods
{
    public static void Register(RpcMethodRegistry r)
    {
        r.Register("eth_newFilter", (c, p) =>
        {
            p.AtMost(1);
            LogFilter filter = LogFilterParser.Parse(p.Required(0, "filter"), p.PathOf(0, "filter"));
            if (filter.BlockHash != null) throw new RpcException(RpcErrorCodes.InvalidParams, "blockHash is not supported by eth_newFilter; use eth_getLogs");
            return Filters(c).NewLogFilter(filter);
        });
        r.Register("eth_newBlockFilter", (c, p) => { p.AtMost(0); return Filters(c).NewBlockFilter(); });
        r.Register("eth_newPendingTransactionFilter", (c, p) => { p.AtMost(1); return Filters(c).NewPendingTransactionFilter(); });
        r.Register("eth_uninstallFilter", (c, p) => { p.AtMost(1); return Filters(c).Uninstall(p.String(0, "filter id")); });
        r.Register("eth_getFilterChanges", (c, p) =>
        {
            p.AtMost(1);
            Filter f = Get(c, p.String(0, "filter id"));
            return f.Kind switch
            {
                FilterKind.PendingTransactions => Hashes(f.TakeHashes()),
                FilterKind.Blocks => BlockChanges(c, f),
                _ => LogChanges(c, f),
            };
        });
        r.Register("eth_getFilterLogs", (c, p) =>
        {
            p.AtMost(1);
            Filter f = Get(c, p.String(0, "filter id"));
            if (f.Kind != FilterKind.Logs) throw new RpcException(RpcErrorCodes.InvalidParams, "filter is not a log filter");
            return Logs(c, EthLogMethods.Resolve(c, f.Criteria!));
        });
    }

    private static FilterStore Filters(RpcContext c) =>
        c.Filters ?? throw new RpcException(RpcErrorCodes.MethodNotFound, "filters are not available on this endpoint");

    private static Filter Get(RpcContext c, string id) =>
        Filters(c).TryGet(id, out Filter f) ? f : throw new RpcException(RpcErrorCodes.ServerError, "filter not found");

    /// <summary>Hashes of the sealed blocks after the last poll (at most MaxLogBlockRange per poll).</summary>
    private static RpcResult BlockChanges(RpcContext c, Filter f)
    {
        lock (f.Gate)
        {
            ulong head = c.Backend.HeadNumber;
            var hashes = new List<Hash256>();
            ulong n = f.NextBlock;
            for (; n <= head && (ulong)hashes.Count < c.Options.MaxLogBlockRange; n++)
                if (c.Backend.GetHeader(BlockSelector.ByNumber(n)) is BlockHeader h) hashes.Add(h.Hash);
            f.NextBlock = n;
            return Hashes(hashes);
        }
    }

    /// <summary>Logs matching the filter in sealed blocks after the last poll, within its own range.</summary>
    private static RpcResult LogChanges(RpcContext c, Filter f)
    {
        lock (f.Gate)
        {
            ulong head = c.Backend.HeadNumber;
            LogFilter criteria = f.Criteria!;
            ulong to = head;
            if (criteria.ToBlock is { Kind: BlockSelectorKind.Number } toBound) to = Math.Min(to, toBound.Number);
            ulong from = f.NextBlock;
            if (criteria.FromBlock is { Kind: BlockSelectorKind.Number } fromBound) from = Math.Max(from, fromBound.Number);
            if (from > to) return Hashes([]);
            if (to - from >= c.Options.MaxLogBlockRange) to = from + c.Options.MaxLogBlockRange - 1; // the rest next poll
            var query = new LogQuery(from, to, criteria.Addresses, criteria.Topics) { MaxResults = c.Options.MaxLogResults + 1 };
            RpcResult result = Logs(c, query);
            f.NextBlock = to + 1;
            return result;
        }
    }

    private static RpcResult Logs(RpcContext c, LogQuery query)
    {
        IReadOnlyList<LogInfo> logs = c.Backend.GetLogs(query) ?? throw new RpcException(RpcErrorCodes.ServerError, "unknown block");
        if (logs.Count > c.Options.MaxLogResults)
            throw new RpcException(RpcErrorCodes.LimitExceeded, $"query returned more than {c.Options.MaxLogResults} results");
        return RpcResult.From(ReceiptJson.LogsResult(logs));
    }

    private static RpcResult Hashes(IReadOnlyList<Hash256> hashes) => RpcResult.From(new JsonResult(w =>
    {
        w.WriteStartArray();
        foreach (Hash256 h in hashes) w.WriteDataValue(h.Bytes);
        w.WriteEndArray();
    }));
}
