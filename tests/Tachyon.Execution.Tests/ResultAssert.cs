using Tachyon.Core.Blocks;
using Tachyon.Core.Types;
using Tachyon.Evm.Processing;
using Tachyon.Evm.State;

namespace Tachyon.Execution.Tests;

/// <summary>Compares two block executions: per-transaction results, receipts, logs, gas and the state root.</summary>
internal static class ResultAssert
{
    public static Hash256 Root(Func<InMemoryWorldState> preState, BlockExecutionResult r)
    {
        InMemoryWorldState world = preState();
        world.Commit(r.WriteSet);
        return world.ComputeStateRoot();
    }

    public static void Equal(BlockExecutionResult expected, BlockExecutionResult actual, Func<InMemoryWorldState> preState, string context)
    {
        Assert.True(expected.Transactions.Length == actual.Transactions.Length, context + ": transaction count");
        ulong cumulative = 0;
        for (int i = 0; i < expected.Transactions.Length; i++)
        {
            TransactionResult e = expected.Transactions[i], a = actual.Transactions[i];
            string where = $"{context}, tx {i}";
            Assert.True(e.InvalidReason == a.InvalidReason, $"{where}: invalid reason {e.InvalidReason} vs {a.InvalidReason}");
            if (!e.IsValid) continue;
            Assert.True(e.Status == a.Status, $"{where}: status {e.Status} vs {a.Status}");
            Assert.True(e.GasUsed == a.GasUsed, $"{where}: gas {e.GasUsed} vs {a.GasUsed}");
            Assert.True(e.Output.AsSpan().SequenceEqual(a.Output), $"{where}: output");
            Assert.True(e.ContractAddress == a.ContractAddress, $"{where}: contract address");
            Assert.True(e.Logs.Count == a.Logs.Count, $"{where}: log count {e.Logs.Count} vs {a.Logs.Count}");
            for (int l = 0; l < e.Logs.Count; l++) AssertLog(e.Logs[l], a.Logs[l], where);
            Receipt re = e.ToReceipt(cumulative), ra = a.ToReceipt(cumulative);
            Assert.True(re.Encode().AsSpan().SequenceEqual(ra.Encode()), $"{where}: receipt");
            cumulative += (ulong)e.GasUsed;
        }
        Assert.True(expected.GasUsed == actual.GasUsed, $"{context}: block gas {expected.GasUsed} vs {actual.GasUsed}");
        Hash256 re2 = Root(preState, expected), ra2 = Root(preState, actual);
        Assert.True(re2 == ra2, $"{context}: state root {re2} vs {ra2}");
    }

    private static void AssertLog(Log e, Log a, string where)
    {
        Assert.True(e.Address == a.Address, $"{where}: log address");
        Assert.True(e.Topics.Count == a.Topics.Count, $"{where}: log topics");
        for (int t = 0; t < e.Topics.Count; t++) Assert.True(e.Topics[t] == a.Topics[t], $"{where}: log topic {t}");
        Assert.True(e.Data.Span.SequenceEqual(a.Data.Span), $"{where}: log data");
    }
}
