namespace Tachyon.Rpc.Backend;

/// <summary>
/// A ready-made <see cref="IObservable{T}"/> of chain events for backends: the node calls
/// <see cref="Publish"/>; every observer (one per RPC subscription) is called synchronously on the
/// publishing thread, so observers must not block (the RPC layer only queues a message).
/// </summary>
public sealed class ChainEventHub : IObservable<ChainEvent>
{
    private readonly object _gate = new();
    private IObserver<ChainEvent>[] _observers = [];

    public int ObserverCount => Volatile.Read(ref _observers).Length;

    public void Publish(ChainEvent chainEvent)
    {
        ArgumentNullException.ThrowIfNull(chainEvent);
        IObserver<ChainEvent>[] snapshot = Volatile.Read(ref _observers);
        foreach (IObserver<ChainEvent> observer in snapshot)
        {
            try { observer.OnNext(chainEvent); }
            catch (Exception) { /* one faulty observer must not starve the others */ }
        }
    }

    public IDisposable Subscribe(IObserver<ChainEvent> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        lock (_gate) _observers = [.. _observers, observer];
        return new Unsubscriber(this, observer);
    }

    private void Remove(IObserver<ChainEvent> observer)
    {
        lock (_gate)
        {
            int i = Array.IndexOf(_observers, observer);
            if (i < 0) return;
            var next = new IObserver<ChainEvent>[_observers.Length - 1];
            Array.Copy(_observers, 0, next, 0, i);
            Array.Copy(_observers, i + 1, next, i, _observers.Length - i - 1);
            _observers = next;
        }
    }

    private sealed class Unsubscriber(ChainEventHub hub, IObserver<ChainEvent> observer) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) hub.Remove(observer);
        }
    }
}
