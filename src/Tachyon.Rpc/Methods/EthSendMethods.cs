using System.Text.Json;
using Tachyon.Core.Transactions;
using Tachyon.Rpc.Backend;
using Tachyon.Rpc.Json;

namespace Tachyon.Rpc.Methods;

/// <summary>
/// eth_sendRawTransaction, eth_sendRawTransactionSync (EIP-7966), realtime_sendRawTransaction
/// (its MegaETH-style alias) and eth_sendTransaction (dev accounts).
/// </summary>
public static class EthSendMethods
{
    public static void Register(RpcMethodRegistry r)
    {
        r.Register("eth_sendRawTransaction", async (c, p) =>
        {
            p.AtMost(1);
            Transaction tx = TransactionSubmitter.Decode(c, p.Data(0, "transaction"));
            var (_, result) = await TransactionSubmitter.SubmitAsync(c, tx).ConfigureAwait(false);
            return RpcResult.From(result.Hash);
        });
        r.Register("eth_sendRawTransactionSync", SendSync);
        r.Register("realtime_sendRawTransaction", SendSync);
        r.Register("eth_sendTransaction", async (c, p) =>
        {
            p.AtMost(1);
            CallRequest request = CallRequestParser.Parse(p.Required(0, "transaction"), p.PathOf(0, "transaction"));
            Transaction signed = await DevSigner.FillAndSignAsync(c, request).ConfigureAwait(false);
            var (_, result) = await TransactionSubmitter.SubmitAsync(c, signed).ConfigureAwait(false);
            return RpcResult.From(result.Hash);
        });
    }

    private static async ValueTask<RpcResult> SendSync(RpcContext c, ParamReader p)
    {
        p.AtMost(2);
        Transaction tx = TransactionSubmitter.Decode(c, p.Data(0, "transaction"));
        TimeSpan timeout = ReadTimeout(c, p.Optional(1));
        var (_, result) = await TransactionSubmitter.SubmitAsync(c, tx).ConfigureAwait(false);
        string hash = RpcHex.Data(result.Hash.Bytes);
        if (result.Queued)
            throw new RpcException(RpcErrorCodes.SyncNotReady,
                "The transaction was added to the mempool but wasn't processed due to a missing nonce or insufficient funds. Please double-check your account and try again.",
                hash);
        ReceiptInfo? receipt = await c.Backend.WaitForReceiptAsync(result.Hash, timeout, c.Aborted).ConfigureAwait(false);
        if (receipt is null)
            throw new RpcException(RpcErrorCodes.SyncTimeout,
                $"The transaction was added to the mempool but wasn't processed in {Format(timeout)}.", hash);
        return RpcResult.From(ReceiptJson.Result(receipt));
    }

    /// <summary>EIP-7966: a missing, zero, malformed or too-large timeout means the node default.</summary>
    private static TimeSpan ReadTimeout(RpcContext c, JsonElement? e)
    {
        if (e is not { } value) return c.Options.SyncSendDefaultTimeout;
        ulong ms;
        if (value.ValueKind == JsonValueKind.Number)
        {
            if (!value.TryGetUInt64(out ms)) return c.Options.SyncSendDefaultTimeout;
        }
        else if (value.ValueKind != JsonValueKind.String || HexParser.TryQuantity(value.GetString(), out ms) is not null)
        {
            return c.Options.SyncSendDefaultTimeout;
        }
        if (ms == 0 || ms > (ulong)c.Options.SyncSendMaxTimeout.TotalMilliseconds) return c.Options.SyncSendDefaultTimeout;
        return TimeSpan.FromMilliseconds(ms);
    }

    private static string Format(TimeSpan t) =>
        t.TotalMilliseconds % 1000 == 0 ? $"{(long)t.TotalSeconds}s" : $"{(long)t.TotalMilliseconds}ms";

}
