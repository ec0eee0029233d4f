using System.Security.Cryptography;
using Tachyon.Rpc.Backend;
using Tachyon.Rpc.Json;

namespace Tachyon.Rpc.Subscriptions;

/// <summary>The subscriptions of one connection, capped at a configured count.</summary>
public sealed class SubscriptionManager(ISubscriptionHost host, int maxSubscriptions) : IDisposable
{
    private readonly Dictionary<string, Subscription> _subscriptions = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Subscription> _pending = [];
    private bool _disposed;

    public int Count { get { lock (_subscriptions) return _subscriptions.Count; } }

    /// <summary>Creates a subscription; it stays silent until <see cref="ActivatePending"/>. Returns its id.</summary>
    public string Add(string kind, SubscriptionFilter filter, IObservable<ChainEvent> events)
    {
        Subscription subscription;
        lock (_subscriptions)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_subscriptions.Count >= maxSubscriptions)
                throw new RpcException(RpcErrorCodes.LimitExceeded, $"too many subscriptions on this connection (at most {maxSubscriptions})");
            subscription = new Subscription(NewId(), kind, filter, host);
            _subscriptions.Add(subscription.Id, subscription);
            _pending.Add(subscription);
        }
        subscription.Attach(events.Subscribe(subscription));
        return subscription.Id;
    }

    public bool Remove(string id)
    {
        Subscription? subscription;
        lock (_subscriptions)
        {
            if (!_subscriptions.Remove(id, out subscription)) return false;
            _pending.Remove(subscription);
        }
        subscription.Dispose();
        return true;
    }

    /// <summary>Called once a response is queued: subscriptions created while handling it may now send.</summary>
    public void ActivatePending()
    {
        Subscription[] ready;
        lock (_subscriptions)
        {
            if (_pending.Count == 0) return;
            ready = [.. _pending];
            _pending.Clear();
        }
        foreach (Subscription s in ready) s.Activate();
    }

    public void Dispose()
    {
        Subscription[] all;
        lock (_subscriptions)
        {
            if (_disposed) return;
            _disposed = true;
            all = [.. _subscriptions.Values];
            _subscriptions.Clear();
            _pending.Clear();
        }
        foreach (Subscription s in all) s.Dispose();
    }

    private static string NewId()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        return Core.Types.Hex.ToHex(bytes);
    }
}
