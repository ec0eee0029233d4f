using Tachyon.Core.Blocks;
using Tachyon.Core.Numerics;
using Tachyon.Rpc.Backend;
using Tachyon.Sequencer.Chain;

namespace Tachyon.Sequencer.Backend;

internal sealed partial class SequencerBackend
{
    /// <summary>Over sealed blocks (pending means the last sealed one); rewards are gas-weighted tip percentiles, as geth computes them.</summary>
    public FeeHistory? GetFeeHistory(ulong blockCount, BlockSelector newest, IReadOnlyList<double> rewardPercentiles)
    {
        ulong? resolved = newest.Kind == BlockSelectorKind.Pending ? HeadNumber : ResolveBlockNumber(newest);
        if (resolved is not ulong last) return null;
        ulong count = Math.Min(Math.Max(blockCount, 1), last + 1);
        ulong oldest = last + 1 - count;
        var baseFees = new List<UInt256>((int)count + 1);
        var ratios = new List<double>((int)count);
        List<IReadOnlyList<UInt256>>? rewards = rewardPercentiles.Count > 0 ? new((int)count) : null;
        BlockHeader? header = null;
        for (ulong n = oldest; n <= last; n++)
        {
            if (rewards != null)
            {
                BlockData block = index.Get(n) ?? throw new InvalidOperationException($"block {n} is missing");
                header = block.Header!;
                rewards.Add(Rewards(block, rewardPercentiles));
            }
            else header = index.GetHeader(n) ?? throw new InvalidOperationException($"block {n} is missing");
            baseFees.Add(header.BaseFeePerGas ?? UInt256.Zero);
            ratios.Add(header.GasLimit == 0 ? 0 : (double)header.GasUsed / header.GasLimit);
        }
        baseFees.Add(BaseFee.Next(header!.BaseFeePerGas ?? UInt256.Zero, header.GasUsed, header.GasLimit, options.MinBaseFee));
        return new FeeHistory(oldest, baseFees, ratios) { Reward = rewards };
    }

    private static UInt256[] Rewards(BlockData block, IReadOnlyList<double> percentiles)
    {
        var result = new UInt256[percentiles.Count];
        ReadOnlySpan<ExecutedTransaction> txs = block.Snapshot();
        if (txs.Length == 0 || block.GasUsed == 0) return result;
        var tips = new (UInt256 Tip, ulong Gas)[txs.Length];
        for (int i = 0; i < txs.Length; i++) tips[i] = (txs[i].EffectiveGasPrice - block.BaseFee, txs[i].GasUsed);
        Array.Sort(tips, (a, b) => a.Tip.CompareTo(b.Tip));
        int t = 0;
        ulong cumulative = tips[0].Gas;
        for (int p = 0; p < percentiles.Count; p++)
        {
            double threshold = block.GasUsed * percentiles[p] / 100.0;
            while (cumulative < threshold && t < tips.Length - 1) cumulative += tips[++t].Gas;
            result[p] = tips[t].Tip;
        }
        return result;
    }
}
