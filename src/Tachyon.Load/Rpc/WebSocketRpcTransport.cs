using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;

namespace Tachyon.Load.Rpc;

/// <summary>
/// JSON-RPC over N WebSockets. Requests are pipelined: each connection has one reader loop that
/// completes the waiting request with the same id, so ids must be unique across the transport.
/// </summary>
public sealed class WebSocketRpcTransport : IRpcTransport
{
    private readonly Connection[] _connections;
    private readonly ConcurrentDictionary<long, TaskCompletionSource<RpcResponse>> _pending = new();
    private int _next;

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
            try
            {
                await ws.ConnectAsync(url, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is WebSocketException or HttpRequestException)
            {
                ws.Dispose();
                // A dead node is reported per request, like HTTP, so the caller has one error path.
                t._connections[i] = new Connection(t, null, $"{url}: {e.Message}");
                continue;
            }
            t._connections[i] = new Connection(t, ws, null);
        }
        return t;
    }

    public Task<RpcResponse> SendAsync(ReadOnlyMemory<byte> body, long id, CancellationToken ct = default)
    {
        int n = _connections.Length;
        Connection c = _connections[(int)((uint)Interlocked.Increment(ref _next) % (uint)n)];
        return c.SendAsync(body, id, ct);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (Connection c in _connections) await c.CloseAsync().ConfigureAwait(false);
    }

    private sealed class Connection
    {
        private readonly WebSocketRpcTransport _owner;
        private readonly ClientWebSocket? _ws;
        private readonly SemaphoreSlim _sendLock = new(1, 1);
        private readonly Task? _reader;
        private volatile string? _failure;

        public Connection(WebSocketRpcTransport owner, ClientWebSocket? ws, string? failure)
        {
            _owner = owner;
            _ws = ws;
            _failure = failure;
            if (ws != null) _reader = Task.Run(ReadLoop);
        }

        public async Task<RpcResponse> SendAsync(ReadOnlyMemory<byte> body, long id, CancellationToken ct)
        {
            if (_failure is string f || _ws is null) return RpcResponse.Transport(id, _failure ?? "not connected");
            var tcs = new TaskCompletionSource<RpcResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (!_owner._pending.TryAdd(id, tcs)) return RpcResponse.Transport(id, $"request id {id} is already in flight");
            await _sendLock.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                await _ws.SendAsync(body, WebSocketMessageType.Text, true, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is WebSocketException or ObjectDisposedException or InvalidOperationException)
            {
                _owner._pending.TryRemove(id, out _);
                return RpcResponse.Transport(id, $"{_owner.Url}: send failed: {e.Message}");
            }
            finally
            {
                _sendLock.Release();
            }
            // A failure seen by the reader after our send completes this request too (see Fail).
            if (_failure is string late && _owner._pending.TryRemove(id, out _)) return RpcResponse.Transport(id, late);
            using (ct.Register(() => tcs.TrySetCanceled(ct)))
                return await tcs.Task.ConfigureAwait(false);
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
                    RpcResponse resp = RpcResponse.Parse(message.WrittenMemory);
                    // Subscription notifications carry no id; answers without a waiter are dropped.
                    if (resp.Id >= 0 && _owner._pending.TryRemove(resp.Id, out var tcs)) tcs.TrySetResult(resp);
                }
            }
            catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException)
            {
                Fail($"{_owner.Url}: WebSocket failed: {e.Message}");
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        // Fails every request in flight (they may be on any connection; a broken node breaks them all).
        private void Fail(string message)
        {
            _failure = message;
            foreach (var (id, tcs) in _owner._pending)
                if (_owner._pending.TryRemove(id, out _)) tcs.TrySetResult(RpcResponse.Transport(id, message));
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
            if (_reader != null) await _reader.ConfigureAwait(false);
        }
    }
}
