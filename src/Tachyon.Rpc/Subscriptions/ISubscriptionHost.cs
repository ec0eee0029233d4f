namespace Tachyon.Rpc.Subscriptions;

/// <summary>A connection that can carry notifications (a WebSocket).</summary>
public interface ISubscriptionHost
{
    SubscriptionManager Subscriptions { get; }

    /// <summary>Queues an outgoing message without waiting; false when the queue is full (the connection is then dropped).</summary>
    bool TrySend(byte[] message);
}
