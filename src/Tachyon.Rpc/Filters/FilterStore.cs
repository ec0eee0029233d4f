using System.Collections.Concurrent;
using System.Security.Cryptography;
using Tachyon.Core.Types;
using Tachyon.Rpc.Backend;
using Tachyon.Rpc.Json;

namespace Tachyon.Rpc.Filters;

/// <summary>
/// Polling filters (eth_newFilter, eth_newBlockFilter, eth_newPendingTransactionFilter) for clients
/// without WebSockets. Like geth: a filter not polled for <see cref="Timeout"/> is dropped, log and
/// block filters report sealed blocks after the last poll, and pending-transaction filters buffer
/// hashes (bounded) between polls.
/// </summary>
public sealed class FilterStore : IObserver<ChainEvent>, IDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);
    public const int MaxFilters = 10_000;
    public const int MaxBufferedHashes = 10_000;

    private readonly IEthBackend _backend;
    private readonly ConcurrentDictionary<string, Filter> _filters = new(StringComparer.OrdinalIgnoreCase);
    private readonly Func<DateTime> _clock;
    private IDisposable? _subscription;
    private int _pendingFilters;

    public FilterStore(IEthBackend backend, Func<DateTime>? clock = null)
    {
        _backend = backend;
        _clock = clock ?? (() => DateTime.UtcNow);
    }

    public int Count => _filters.Count;

    public string NewLogFilter(LogFilter criteria) => Add(new Filter(FilterKind.Logs, criteria, _backend.HeadNumber + 1));

    public string NewBlockFilter() => Add(new Filter(FilterKind.Blocks, null, _backend.HeadNumber + 1));

    public string NewPendingTransactionFilter()
    {
        string id = Add(new Filter(FilterKind.PendingTransactions, null, 0));
        if (Interlocked.Increment(ref _pendingFilters) == 1)
            lock (_filters) _subscription ??= _backend.Events.Subscribe(this);
        return id;
    }

    public bool Uninstall(string id)
    {
        if (!_filters.TryRemove(id, out Filter? f)) return false;
        if (f.Kind == FilterKind.PendingTransactions) Interlocked.Decrement(ref _pendingFilters);
        return true;
    }

    public bool TryGet(string id, out Filter filter)
    {
        Expire();
        if (!_filters.TryGetValue(id, out filter!)) return false;
        filter.LastPolled = _clock();
        return true;
    }

    private string Add(Filter filter)
    {
        Expire();
        if (_filters.Count >= MaxFilters)
            throw new RpcException(RpcErrorCodes.LimitExceeded, $"too many filters (at most {MaxFilters}); uninstall unused ones");
        filter.LastPolled = _clock();
        string id = "0x" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _filters[id] = filter;
        return id;
    }

    private void Expire()
    {
        DateTime cutoff = _clock() - Timeout;
        foreach (var (id, f) in _filters)
            if (f.LastPolled < cutoff) Uninstall(id);
    }

    void IObserver<ChainEvent>.OnNext(ChainEvent value)
    {
        if (value is not PendingTransactionEvent p || Volatile.Read(ref _pendingFilters) == 0) return;
        foreach (Filter f in _filters.Values)
            if (f.Kind == FilterKind.PendingTransactions) f.AddHash(p.Hash);
    }

    void IObserver<ChainEvent>.OnError(Exception error) { }
    void IObserver<ChainEvent>.OnCompleted() { }

    public void Dispose() => _subscription?.Dispose();
}

public enum FilterKind : byte { Logs, Blocks, PendingTransactions }

/// <summary>One installed filter; <see cref="NextBlock"/> is the first sealed block not yet reported.</summary>
public sealed class Filter(FilterKind kind, LogFilter? criteria, ulong nextBlock)
{
    private readonly Queue<Hash256> _hashes = new();

    public FilterKind Kind { get; } = kind;
    public LogFilter? Criteria { get; } = criteria;
    public ulong NextBlock { get; set; } = nextBlock;
    public DateTime LastPolled { get; set; }

    /// <summary>Serialises polls of the same filter so two concurrent polls never report the same block twice.</summary>
    public object Gate { get; } = new();

    internal void AddHash(Hash256 hash)
    {
        lock (_hashes)
        {
            if (_hashes.Count == FilterStore.MaxBufferedHashes) _hashes.Dequeue(); // a client that stops polling loses the oldest
            _hashes.Enqueue(hash);
        }
    }

    public Hash256[] TakeHashes()
    {
        lock (_hashes)
        {
            Hash256[] all = _hashes.ToArray();
            _hashes.Clear();
            return all;
        }
    }
}
