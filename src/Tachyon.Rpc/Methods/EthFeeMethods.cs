using System.Text.Json;
using Tachyon.Rpc.Backend;
using Tachyon.Rpc.Json;

namespace Tachyon.Rpc.Methods;

/// <summary>eth_gasPrice, eth_maxPriorityFeePerGas, eth_feeHistory, eth_blobBaseFee.</summary>
public static class EthFeeMethods
{
    public const int MaxPercentiles = 100;

    public static void Register(RpcMethodRegistry r)
    {
        r.Register("eth_gasPrice", (c, p) => { p.AtMost(0); return RpcHex.Quantity(c.Backend.GasPrice); });
        r.Register("eth_maxPriorityFeePerGas", (c, p) => { p.AtMost(0); return RpcHex.Quantity(c.Backend.MaxPriorityFeePerGas); });
        r.Register("eth_feeHistory", (c, p) =>
        {
            p.AtMost(3);
            ulong count = p.Quantity(0, "blockCount", allowNumber: true);
            BlockSelector newest = JsonArgs.Block(p.Required(1, "newestBlock"), p.PathOf(1, "newestBlock"), allowObject: false);
            double[] percentiles = ReadPercentiles(p);
            if (count == 0)
                return RpcResult.From(FeeHistoryJson.Result(new FeeHistory(0, [], []) { Reward = percentiles.Length > 0 ? [] : null }));
            count = Math.Min(count, c.Options.MaxFeeHistoryBlocks);
            FeeHistory history = c.Backend.GetFeeHistory(count, newest, percentiles) ?? throw RpcException.HeaderNotFound();
            return RpcResult.From(FeeHistoryJson.Result(history));
        });
    }

    private static double[] ReadPercentiles(ParamReader p)
    {
        if (p.Optional(2) is not { } e) return [];
        string path = p.PathOf(2, "rewardPercentiles");
        if (e.ValueKind != JsonValueKind.Array) throw JsonArgs.Invalid(path, "expected an array of numbers");
        if (e.GetArrayLength() > MaxPercentiles) throw JsonArgs.Invalid(path, $"too many percentiles (at most {MaxPercentiles})");
        var result = new double[e.GetArrayLength()];
        int i = 0;
        foreach (JsonElement x in e.EnumerateArray())
        {
            if (x.ValueKind != JsonValueKind.Number || !x.TryGetDouble(out double v) || v < 0 || v > 100)
                throw JsonArgs.Invalid($"{path}[{i}]", "expected a number between 0 and 100");
            if (i > 0 && v < result[i - 1])
                throw JsonArgs.Invalid($"{path}[{i}]", "percentiles must be in increasing order");
            result[i++] = v;
        }
        return result;
    }
}
