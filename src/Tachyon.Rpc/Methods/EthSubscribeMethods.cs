using Tachyon.Rpc.Backend;
using Tachyon.Rpc.Json;
using Tachyon.Rpc.Subscriptions;

namespace Tachyon.Rpc.Methods;

/// <summary>
/// eth_subscribe / eth_unsubscribe (WebSocket only). Kinds: newHeads, logs [filter],
/// newPendingTransactions, and the realtime miniBlocks and stateChanges [{addresses}].
/// </summary>
public static class EthSubscribeMethods
{
    public static void Register(RpcMethodRegistry r)
    {
        r.Register("eth_subscribe", (c, p) =>
        {
            ISubscriptionHost host = c.Connection ?? throw NotOverHttp();
            p.AtMost(2);
            string kind = p.String(0, "subscriptionType");
            SubscriptionFilter filter = kind switch
            {
                "newHeads" or "miniBlocks" or "newPendingTransactions" => Nothing(p, kind),
                "logs" => SubscriptionFilter.ForLogs(p.Optional(1) is { } f ? LogFilterParser.Parse(f, p.PathOf(1, "filter")) : null),
                "stateChanges" => SubscriptionFilter.ForStateChanges(p.Optional(1), p.PathOf(1, "filter")),
                _ => throw JsonArgs.Invalid(p.PathOf(0, "subscriptionType"), $"unsupported subscription type \"{kind}\" (newHeads, logs, newPendingTransactions, miniBlocks, stateChanges)"),
            };
            string id = host.Subscriptions.Add(kind, filter, c.Backend.Events);
            return id;
        });
        r.Register("eth_unsubscribe", (c, p) =>
        {
            ISubscriptionHost host = c.Connection ?? throw NotOverHttp();
            p.AtMost(1);
            return host.Subscriptions.Remove(p.String(0, "subscriptionId"));
        });
    }

    private static SubscriptionFilter Nothing(ParamReader p, string kind)
    {
        if (p.Optional(1) is not null) throw JsonArgs.Invalid(p.PathOf(1, "filter"), $"{kind} takes no filter");
        return SubscriptionFilter.None;
    }

    private static RpcException NotOverHttp() =>
        new(RpcErrorCodes.MethodNotSupported, "notifications not supported: subscriptions need a WebSocket connection");
}
