using Tachyon.Rpc.Backend;
using Tachyon.Rpc.Json;

namespace Tachyon.Rpc.Methods;

/// <summary>eth_getLogs with range and result limits.</summary>
public static class EthLogMethods
{
    public static void Register(RpcMethodRegistry r)
    {
        r.Register("eth_getLogs", (c, p) =>
        {
            p.AtMost(1);
            LogFilter filter = LogFilterParser.Parse(p.Required(0, "filter"), p.PathOf(0, "filter"));
            LogQuery query = Resolve(c, filter);
            IReadOnlyList<LogInfo> logs = c.Backend.GetLogs(query) ?? throw new RpcException(RpcErrorCodes.ServerError, "unknown block");
            if (logs.Count > c.Options.MaxLogResults)
                throw new RpcException(RpcErrorCodes.LimitExceeded, $"query returned more than {c.Options.MaxLogResults} results");
            return RpcResult.From(ReceiptJson.LogsResult(logs));
        });
    }

    /// <summary>Resolves tags to numbers (defaults: latest..latest) and enforces the block-range limit.</summary>
    public static LogQuery Resolve(RpcContext c, LogFilter filter)
    {
        int maxResults = c.Options.MaxLogResults == int.MaxValue ? int.MaxValue : c.Options.MaxLogResults + 1;
        if (filter.BlockHash is { } hash)
            return new LogQuery(0, 0, filter.Addresses, filter.Topics) { BlockHash = hash, MaxResults = maxResults };
        ulong head = c.Backend.HeadNumber;
        ulong from = ResolveBound(c, filter.FromBlock, head);
        ulong to = ResolveBound(c, filter.ToBlock, head);
        if (from > to) throw new RpcException(RpcErrorCodes.InvalidParams, "invalid block range params: fromBlock is after toBlock");
        if (to - from >= c.Options.MaxLogBlockRange)
            throw new RpcException(RpcErrorCodes.LimitExceeded, $"query exceeds max block range {c.Options.MaxLogBlockRange}");
        return new LogQuery(from, to, filter.Addresses, filter.Topics) { MaxResults = maxResults };
    }

    private static ulong ResolveBound(RpcContext c, BlockSelector? bound, ulong head)
    {
        if (bound is not { } b) return head;
        if (b.Kind == BlockSelectorKind.Number) return Math.Min(b.Number, head); // future blocks have no logs yet
        return c.Backend.ResolveBlockNumber(b) ?? throw RpcException.HeaderNotFound();
    }
}
