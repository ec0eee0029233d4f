using System.Buffers;
using System.Net.WebSockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Tachyon.Rpc.Json;
using Tachyon.Rpc.Subscriptions;

namespace Tachyon.Rpc.Server;

/// <summary>
/// One WebSocket client: reads messages (each a request or batch) and handles them concurrently.
/// A handler sends its response itself as soon as it has it (one send at a time, under a lock), so
/// an answer costs no hand-off to another task; notifications go through a bounded queue and a send
/// loop. A client that lets the notification queue fill up, or sends an oversized message, is
/// disconnected; one that reads responses slowly holds up its own requests (at most
/// MaxConcurrentRequestsPerConnection in flight), not the node.
/// </summary>
internal sealed partial class WebSocketConnection : ISubscriptionHost
{
    private readonly WebSocket _socket;
    private readonly JsonRpcProcessor _processor;
    private readonly ILogger _logger;
    private readonly Channel<byte[]> _outgoing;
    private readonly SemaphoreSlim _inFlight;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _closing;

    public WebSocketConnection(WebSocket socket, JsonRpcProcessor processor, ILogger logger, CancellationToken aborted)
    {
        _socket = socket;
        _processor = processor;
        _logger = logger;
        RpcServerOptions options = processor.Options;
        _outgoing = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(options.WebSocketSendQueueLength)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _inFlight = new SemaphoreSlim(options.MaxConcurrentRequestsPerConnection);
        _closing = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        Subscriptions = new SubscriptionManager(this, options.MaxSubscriptionsPerConnection);
    }

    public SubscriptionManager Subscriptions { get; }

    public bool TrySend(byte[] message)
    {
        if (_outgoing.Writer.TryWrite(message)) return true;
        LogSlowClient(_logger);
        _closing.Cancel();
        return false;
    }

    public async Task RunAsync()
    {
        Task sender = SendLoopAsync();
        try
        {
            await ReceiveLoopAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            // Client went away or we are closing: nothing to report.
        }
        finally
        {
            Subscriptions.Dispose();
            _outgoing.Writer.TryComplete();
            await _closing.CancelAsync().ConfigureAwait(false);
            try { await sender.ConfigureAwait(false); } catch (Exception) { /* socket already broken */ }
            _closing.Dispose();
            _inFlight.Dispose();
        }
    }

    private async Task ReceiveLoopAsync()
    {
        int max = _processor.Options.MaxWebSocketMessageBytes;
        byte[] chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        var message = new ArrayBufferWriter<byte>(16 * 1024);
        try
        {
            while (_socket.State == WebSocketState.Open && !_closing.IsCancellationRequested)
            {
                ValueWebSocketReceiveResult received = await _socket.ReceiveAsync(chunk.AsMemory(), _closing.Token).ConfigureAwait(false);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    await CloseAsync(WebSocketCloseStatus.NormalClosure, "bye").ConfigureAwait(false);
                    return;
                }
                if (message.WrittenCount + received.Count > max)
                {
                    await CloseAsync(WebSocketCloseStatus.MessageTooBig, $"message exceeds {max} bytes").ConfigureAwait(false);
                    return;
                }
                message.Write(chunk.AsSpan(0, received.Count));
                if (!received.EndOfMessage) continue;

                // A pooled copy: the handler may still run when the next message is read into `message`.
                int length = message.WrittenCount;
                byte[] request = ArrayPool<byte>.Shared.Rent(length);
                message.WrittenSpan.CopyTo(request);
                message.ResetWrittenCount();
                try
                {
                    await _inFlight.WaitAsync(_closing.Token).ConfigureAwait(false);
                }
                catch
                {
                    ArrayPool<byte>.Shared.Return(request);
                    throw;
                }
                _ = HandleAsync(request, length);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private async Task HandleAsync(byte[] request, int length)
    {
        try
        {
            byte[]? response;
            try
            {
                response = await _processor.ProcessAsync(new ReadOnlySequence<byte>(request, 0, length), this, _closing.Token).ConfigureAwait(false);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(request); // the parsed document is disposed by now
            }
            // Sent before activating a new subscription, so its first notification follows the answer.
            if (response is not null) await SendAsync(response).ConfigureAwait(false);
            Subscriptions.ActivatePending();
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or WebSocketException or IOException)
        {
            // The connection is closing or broken: the receive loop ends it.
        }
        finally
        {
            try { _inFlight.Release(); } catch (ObjectDisposedException) { }
        }
    }

    private async ValueTask SendAsync(byte[] message)
    {
        await _sendLock.WaitAsync(_closing.Token).ConfigureAwait(false);
        try
        {
            await _socket.SendAsync(message, WebSocketMessageType.Text, true, _closing.Token).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task SendLoopAsync()
    {
        ChannelReader<byte[]> reader = _outgoing.Reader;
        while (await reader.WaitToReadAsync(_closing.Token).ConfigureAwait(false))
        {
            while (reader.TryRead(out byte[]? message))
                await SendAsync(message).ConfigureAwait(false);
        }
    }

    private async Task CloseAsync(WebSocketCloseStatus status, string reason)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await _socket.CloseOutputAsync(status, reason, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropping a WebSocket client that does not read its messages fast enough")]
    private static partial void LogSlowClient(ILogger logger);
}
