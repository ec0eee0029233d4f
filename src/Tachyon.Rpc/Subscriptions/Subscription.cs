using System.Buffers;
using System.Text.Json;
using Tachyon.Rpc.Backend;
using Tachyon.Rpc.Json;

namespace Tachyon.Rpc.Subscriptions;

/// <summary>
/// One eth_subscribe: observes the backend's events, keeps those of its kind that pass its filter,
/// and queues eth_subscription notifications on its connection. Inactive (dropping events) until
/// the subscribe response has been queued, so the id always reaches the client first.
/// </summary>
internal sealed class Subscription(string id, string kind, SubscriptionFilter filter, ISubscriptionHost host) : IObserver<ChainEvent>
{
    private volatile bool _active;
    private volatile bool _disposed;
    private IDisposable? _source;

    public string Id { get; } = id;
    public string Kind { get; } = kind;

    public void Attach(IDisposable source)
    {
        Interlocked.Exchange(ref _source, source);
        if (_disposed) Interlocked.Exchange(ref _source, null)?.Dispose();
    }

    public void Activate()
    {
        if (!_disposed) _active = true;
    }

    public void Dispose()
    {
        _disposed = true;
        _active = false;
        Interlocked.Exchange(ref _source, null)?.Dispose();
    }

    public void OnNext(ChainEvent value)
    {
        if (!_active) return;
        switch (value)
        {
            case NewHeadEvent head when Kind == "newHeads":
                Send(w => { w.WriteStartObject(); BlockJson.WriteHeaderFields(w, head.Header); w.WriteEndObject(); });
                break;
            case LogsEvent logs when Kind == "logs":
                LogQuery query = filter.Logs!;
                foreach (LogInfo log in logs.Logs)
                    if (query.Matches(log.Log)) Send(w => ReceiptJson.WriteLog(w, log));
                break;
            case PendingTransactionEvent pending when Kind == "newPendingTransactions":
                Send(w => w.WriteHashValue(pending.Hash));
                break;
            case MiniBlockEvent mini when Kind == "miniBlocks":
                Send(w => RealtimeJson.WriteMiniBlock(w, mini));
                break;
            case StateChangesEvent changes when Kind == "stateChanges":
                foreach (AccountChange change in changes.Changes)
                    if (filter.AcceptsAccount(change.Address))
                        Send(w => RealtimeJson.WriteAccountChange(w, changes.BlockNumber, changes.MiniBlockIndex, change));
                break;
        }
    }

    public void OnError(Exception error) { }

    public void OnCompleted() => _active = false;

    private void Send(Action<Utf8JsonWriter> writeResult)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer, JsonRpcWriting.WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("jsonrpc"u8, "2.0"u8);
            w.WriteString("method"u8, "eth_subscription"u8);
            w.WritePropertyName("params"u8);
            w.WriteStartObject();
            w.WriteString("subscription"u8, Id);
            w.WritePropertyName("result"u8);
            writeResult(w);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        if (!host.TrySend(buffer.WrittenSpan.ToArray())) _active = false;
    }
}
