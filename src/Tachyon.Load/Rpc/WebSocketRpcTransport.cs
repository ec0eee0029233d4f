using System.Buffers;
using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Net.WebSockets;

namespace Tachyon.Load.Rpc;

/// <summary>
/// JSON-RPC over N WebSockets. Requests are pipelined: each connection has one reader loop that
/// completes the waiting request with the same id (a batch answer completes each of its calls), so
/// ids must be unique per connection. The reader runs the waiter's continuation itself: a closed
/// loop then sends its next request from the reader thread, without a thread-pool hop per answer,
/// and those requests leave in one socket write (<see cref="CoalescingStream"/>). A request goes to
/// connection id mod N: a run's ids keep each account on one connection, so the requests an answer
/// sets off share that answer's connection and its write.
/// </summary>
public sealed class WebSocketRpcTransport : IRpcTransport
{
    private readonly Connection[] _connections;

    private WebSocketRpcTransport(Uri url, int n)
    {
        _connections = new Connection[n];
        Describe = $"WebSocket, {n} connection(s)";
        Url = url;
    }

    public string Describe { get; }
    private Uri Url { get; }

    public static async Task<IRpcTransport> ConnectAsync(Uri url, int connections, CancellationToken ct)
    {
        var t = new WebSocketRpcTransport(url, Math.Max(1, connections));
        for (int i = 0; i < t._connections.Length; i++)
        {
            var ws = new ClientWebSocket();
            ws.Options.KeepAliveInterval = TimeSpan.Zero;
            CoalescingStream? stream = null;
            var invoker = new HttpMessageInvoker(new SocketsHttpHandler
            {
                ConnectCallback = async (context, token) =>
                {
                    var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                    try
                    {
                        await socket.ConnectAsync(context.DnsEndPoint, token).ConfigureAwait(false);
                    }
                    catch
                    {
                        socket.Dispose();
                        throw;
                    }
                    return stream = new CoalescingStream(new NetworkStream(socket, ownsSocket: true));
                },
            });
            try
            {
                await ws.ConnectAsync(url, invoker, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is WebSocketException or HttpRequestException)
            {
                ws.Dispose();
                invoker.Dispose();
                // A dead node is reported per request, like HTTP, so the caller has one error path.
                t._connections[i] = new Connection(t, null, null, null, $"{url}: {e.Message}");
                continue;
            }
            t._connections[i] = new Connection(t, ws, stream, invoker, null);
        }
        return t;
    }

    private Connection ConnectionFor(long id) => _connections[(int)((ulong)id % (ulong)_connections.Length)];

    public Task<RpcResponse> SendAsync(ReadOnlyMemory<byte> body, long id, CancellationToken ct = default) =>
        ConnectionFor(id).SendAsync(body, id, ct);

    public async Task<RpcResponse[]> SendBatchAsync(ReadOnlyMemory<byte> body, long[] ids, CancellationToken ct = default)
    {
        var waiters = new Waiter[ids.Length];
        for (int i = 0; i < waiters.Length; i++) waiters[i] = new Waiter(inBatch: true);
        using CancellationTokenRegistration cancel = ct.CanBeCanceled
            ? ct.Register(static w => { foreach (Waiter x in (Waiter[])w!) x.TrySetCanceled(); }, waiters)
            : default;
        await ConnectionFor(ids.Length > 0 ? ids[0] : 0).SendBatchAsync(body, ids, waiters, ct).ConfigureAwait(false);
        var answers = new RpcResponse[ids.Length];
        for (int i = 0; i < waiters.Length; i++) answers[i] = await waiters[i].Task.ConfigureAwait(false);
        return answers;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (Connection c in _connections) await c.CloseAsync().ConfigureAwait(false);
    }

    // Completed by the reader loop, which runs the continuation (no RunContinuationsAsynchronously).
    private sealed class Waiter(bool inBatch) : TaskCompletionSource<RpcResponse>
    {
        /// <summary>Part of a batch: an error answer without an id (the whole batch refused) completes it.</summary>
        public bool InBatch { get; } = inBatch;
    }

    private sealed class Connection
    {
        private readonly WebSocketRpcTransport _owner;
        private readonly ClientWebSocket? _ws;
        private readonly CoalescingStream? _stream;
        private readonly HttpMessageInvoker? _invoker;
        private readonly ConcurrentDictionary<long, Waiter> _pending = new();
        private readonly SemaphoreSlim _sendLock = new(1, 1);
        private readonly Task? _reader;
        private volatile string? _failure;

        public Connection(WebSocketRpcTransport owner, ClientWebSocket? ws, CoalescingStream? stream, HttpMessageInvoker? invoker, string? failure)
        {
            _owner = owner;
            _ws = ws;
            _stream = stream;
            _invoker = invoker;
            _failure = failure;
            if (ws != null) _reader = Task.Run(ReadLoop);
        }

        public async Task<RpcResponse> SendAsync(ReadOnlyMemory<byte> body, long id, CancellationToken ct)
        {
            if (_failure is string f || _ws is null) return RpcResponse.Transport(id, _failure ?? "not connected");
            var waiter = new Waiter(inBatch: false);
            if (!_pending.TryAdd(id, waiter)) return RpcResponse.Transport(id, $"request id {id} is already in flight");
            if (await WriteAsync(body, ct).ConfigureAwait(false) is string sendFailure)
            {
                _pending.TryRemove(id, out _);
                return RpcResponse.Transport(id, sendFailure);
            }
            // A failure seen by the reader after our send completes this request too (see Fail).
            if (_failure is string late && _pending.TryRemove(id, out _)) return RpcResponse.Transport(id, late);
            if (!ct.CanBeCanceled) return await waiter.Task.ConfigureAwait(false);
            using (ct.Register(() => waiter.TrySetCanceled(ct)))
                return await waiter.Task.ConfigureAwait(false);
        }

        /// <summary>Registers the calls' waiters and sends the batch; every waiter is completed, also on failure.</summary>
        public async Task SendBatchAsync(ReadOnlyMemory<byte> body, long[] ids, Waiter[] waiters, CancellationToken ct)
        {
            int added = 0;
            for (; added < ids.Length && _failure is null && _ws != null; added++)
                if (!_pending.TryAdd(ids[added], waiters[added])) break;
            string? failure = _failure ?? (_ws is null ? "not connected" : null);
            if (failure is null && added < ids.Length) failure = $"request id {ids[added]} is already in flight";
            failure ??= await WriteAsync(body, ct).ConfigureAwait(false) ?? _failure;
            if (failure is null) return;
            for (int i = 0; i < ids.Length; i++)
            {
                if (i < added) _pending.TryRemove(ids[i], out _);
                waiters[i].TrySetResult(RpcResponse.Transport(ids[i], failure));
            }
        }

        // Sends one message; null on success, else why it failed.
        private async ValueTask<string?> WriteAsync(ReadOnlyMemory<byte> body, CancellationToken ct)
        {
            await _sendLock.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                await _ws!.SendAsync(body, WebSocketMessageType.Text, true, ct).ConfigureAwait(false);
                return null;
            }
            catch (Exception e) when (e is WebSocketException or ObjectDisposedException or InvalidOperationException)
            {
                return $"{_owner.Url}: send failed: {e.Message}";
            }
            finally
            {
                _sendLock.Release();
            }
        }

        private async Task ReadLoop()
        {
            byte[] buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
            var message = new ArrayBufferWriter<byte>(1 << 16);
            try
            {
                while (true)
                {
                    message.ResetWrittenCount();
                    ValueWebSocketReceiveResult r;
                    do
                    {
                        r = await _ws!.ReceiveAsync(buffer.AsMemory(), CancellationToken.None).ConfigureAwait(false);
                        if (r.MessageType == WebSocketMessageType.Close)
                        {
                            Fail($"{_owner.Url}: the node closed the WebSocket");
                            return;
                        }
                        message.Write(buffer.AsSpan(0, r.Count));
                    } while (!r.EndOfMessage);
                    // The requests the answers' waiters send next are gathered, and sent before the next read.
                    if (_stream is null) RpcResponse.ParseEach(message.WrittenMemory, this, static (c, resp) => c.Complete(resp));
                    else
                        using (_stream.Deferred.Enter())
                            RpcResponse.ParseEach(message.WrittenMemory, this, static (c, resp) => c.Complete(resp));
                }
            }
            catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException)
            {
                Fail($"{_owner.Url}: WebSocket failed: {e.Message}");
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
                if (_stream != null) await _stream.Deferred.FlushAsync().ConfigureAwait(false); // requests for other connections must still go
            }
        }

        private void Complete(RpcResponse resp)
        {
            if (resp.Id >= 0)
            {
                // Subscription notifications carry no id; answers without a waiter are dropped.
                if (_pending.TryRemove(resp.Id, out Waiter? w)) w.TrySetResult(resp);
                return;
            }
            // An error without an id refuses a whole message (not JSON, empty or too large a batch):
            // it can only be matched to batches, so each batch in flight on this connection gets it.
            if (resp.Ok) return;
            foreach (var (id, w) in _pending)
                if (w.InBatch && _pending.TryRemove(id, out _)) w.TrySetResult(new RpcResponse(id, resp.Error!.Value));
        }

        // Fails every request in flight on this connection.
        private void Fail(string message)
        {
            _failure = message;
            foreach (var (id, w) in _pending)
                if (_pending.TryRemove(id, out _)) w.TrySetResult(RpcResponse.Transport(id, message));
        }

        public async Task CloseAsync()
        {
            if (_ws is null) return;
            try
            {
                if (_ws.State == WebSocketState.Open)
                {
                    using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                    await _ws.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", cts.Token).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
                // Closing a connection the node already dropped: nothing left to do.
            }
            _ws.Dispose();
            _invoker?.Dispose();
            if (_reader != null) await _reader.ConfigureAwait(false);
        }
    }
}
