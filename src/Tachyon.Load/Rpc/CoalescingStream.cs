using System.Buffers;

namespace Tachyon.Load.Rpc;

/// <summary>
/// The socket stream under one client WebSocket, turning many small writes into one. A reader loop
/// enters <see cref="Deferred"/> while it hands answers to their waiters; the requests those waiters
/// send next, on this connection or another, are only gathered, and go out in one write per
/// connection when that reader next has to wait for bytes from its socket. Every other write goes
/// out at once (or joins a write in progress). One send per request was ~60% of the load
/// generator's CPU on the 2-core box, CPU the node under test then lacked.
/// </summary>
internal sealed class CoalescingStream : Stream
{
    [ThreadStatic] private static DeferredWrites? t_deferring;

    private readonly Stream _inner;
    private readonly Lock _lock = new();
    private ArrayBufferWriter<byte> _pending = new(4096), _spare = new(4096);
    private bool _writing; // a drain runs; it sends whatever is pending before it stops
    private Exception? _failure;

    public CoalescingStream(Stream inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
    }

    /// <summary>Streams written to while this connection's reader dispatched: sent before it next reads.</summary>
    public DeferredWrites Deferred { get; } = new();

    public override bool CanRead => true;
    public override bool CanWrite => true;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        DeferredWrites? deferring = t_deferring;
        lock (_lock)
        {
            if (_failure != null) return ValueTask.FromException(new IOException("the connection failed: " + _failure.Message, _failure));
            _pending.Write(buffer.Span);
            if (_writing) return default;
            if (deferring != null)
            {
                deferring.Add(this);
                return default;
            }
            _writing = true;
        }
        return DrainAsync();
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    // The HTTP connection above buffers reads: this is called when the reader is about to wait for the socket.
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Deferred.IsEmpty ? _inner.ReadAsync(buffer, cancellationToken) : FlushThenReadAsync(buffer, cancellationToken);

    private async ValueTask<int> FlushThenReadAsync(Memory<byte> buffer, CancellationToken ct)
    {
        await Deferred.FlushAsync().ConfigureAwait(false);
        return await _inner.ReadAsync(buffer, ct).ConfigureAwait(false);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task FlushAsync(CancellationToken cancellationToken) => SendPendingAsync().AsTask();

    public override void Flush() => SendPendingAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Starts sending what is pending unless a drain already runs (it takes it).</summary>
    public ValueTask SendPendingAsync()
    {
        lock (_lock)
        {
            if (_writing || _failure != null || _pending.WrittenCount == 0) return default;
            _writing = true;
        }
        return DrainAsync();
    }

    // Sends pending bytes until none are left; run only by the caller that set _writing.
    private async ValueTask DrainAsync()
    {
        while (true)
        {
            ArrayBufferWriter<byte> batch;
            lock (_lock)
            {
                if (_pending.WrittenCount == 0)
                {
                    _writing = false;
                    return;
                }
                batch = _pending;
                _pending = _spare;
                _spare = batch;
            }
            try
            {
                await _inner.WriteAsync(batch.WrittenMemory).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                lock (_lock)
                {
                    _failure = e;
                    _writing = false;
                }
                _inner.Dispose(); // a pending read fails too, so the connection's owner learns of it
                throw;
            }
            batch.ResetWrittenCount();
        }
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _inner.Dispose();
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await _inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// The streams one reader's dispatch wrote to. Used by that reader's loop only: entered around
    /// its dispatch, flushed before it next reads.
    /// </summary>
    public sealed class DeferredWrites
    {
        private readonly List<CoalescingStream> _streams = [];

        public bool IsEmpty => _streams.Count == 0;

        internal void Add(CoalescingStream s)
        {
            if (!_streams.Contains(s)) _streams.Add(s);
        }

        /// <summary>Until disposed, writes on this thread (to any <see cref="CoalescingStream"/>) are gathered here.</summary>
        public Scope Enter()
        {
            DeferredWrites? outer = t_deferring;
            t_deferring = this;
            return new Scope(outer);
        }

        /// <summary>Sends what was gathered. A stream whose send fails is closed; its owner sees that on its next read.</summary>
        public async ValueTask FlushAsync()
        {
            for (int i = 0; i < _streams.Count; i++)
            {
                try
                {
                    await _streams[i].SendPendingAsync().ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // That connection is failed and closed: its own reader reports it to its requests.
                }
            }
            _streams.Clear();
        }

        public readonly struct Scope(DeferredWrites? outer) : IDisposable
        {
            public void Dispose() => t_deferring = outer;
        }
    }
}
