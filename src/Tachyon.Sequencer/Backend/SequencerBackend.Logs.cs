using Tachyon.Core.Blocks;
using Tachyon.Rpc.Backend;
using Tachyon.Sequencer.Chain;

namespace Tachyon.Sequencer.Backend;

internal sealed partial class SequencerBackend
{
    /// <summary>
    /// Sealed blocks in the range (bloom-checked on the header before the body is read), then, when
    /// the range reaches past the head (toBlock "pending"), blocks being sealed and the open block,
    /// whose logs carry block hash zero.
    /// </summary>
    public IReadOnlyList<LogInfo>? GetLogs(LogQuery query)
    {
        var logs = new List<LogInfo>();
        if (query.BlockHash is { } hash)
        {
            if (index.NumberOf(hash) is not ulong n || index.Get(n) is not { } block) return null;
            Collect(block, query, logs);
            return logs;
        }
        ulong head = HeadNumber;
        for (ulong n = query.FromBlock; n <= Math.Min(query.ToBlock, head) && logs.Count < query.MaxResults; n++)
        {
            if (index.GetHeader(n) is not { } header || !query.MayMatch(header.LogsBloom)) continue;
            if (index.Get(n) is { } block) Collect(block, query, logs);
        }
        ulong open = producer.Current.Block.Number;
        for (ulong n = Math.Max(query.FromBlock, head + 1); n <= Math.Min(query.ToBlock, open) && logs.Count < query.MaxResults; n++)
            if (index.Get(n, includeUnsealed: true) is { } block) Collect(block, query, logs);
        return logs;
    }

    private static void Collect(BlockData block, LogQuery query, List<LogInfo> logs)
    {
        foreach (ExecutedTransaction tx in block.Snapshot())
        {
            if (tx.Receipt.Logs.Count > 0) block.AddLogs(tx, query, logs);
            if (logs.Count >= query.MaxResults) return;
        }
    }
}
