namespace Tachyon.Load.Rpc;

/// <summary>
/// Carries JSON-RPC request bodies to a node and returns the answers. Never throws for a node that
/// is down or answers garbage: that comes back as a transport <see cref="RpcError"/>.
/// </summary>
public interface IRpcTransport : IAsyncDisposable
{
    /// <param name="id">The id inside <paramref name="body"/> (WebSocket answers are matched on it).</param>
    Task<RpcResponse> SendAsync(ReadOnlyMemory<byte> body, long id, CancellationToken ct = default);

    string Describe { get; }

    /// <summary>HTTP for http(s):// URLs, WebSocket for ws(s)://, <paramref name="connections"/> connections either way.</summary>
    static async Task<IRpcTransport> OpenAsync(Uri url, int connections, CancellationToken ct = default) =>
        url.Scheme is "ws" or "wss"
            ? await WebSocketRpcTransport.ConnectAsync(url, connections, ct).ConfigureAwait(false)
            : new HttpRpcTransport(url, connections);
}
