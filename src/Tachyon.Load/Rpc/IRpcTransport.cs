namespace Tachyon.Load.Rpc;

/// <summary>
/// Carries JSON-RPC request bodies to a node and returns the answers. Never throws for a node that
/// is down or answers garbage: that comes back as a transport <see cref="RpcError"/>.
/// </summary>
public interface IRpcTransport : IAsyncDisposable
{
    /// <param name="id">The id inside <paramref name="body"/> (WebSocket answers are matched on it).</param>
    Task<RpcResponse> SendAsync(ReadOnlyMemory<byte> body, long id, CancellationToken ct = default);

    /// <summary>
    /// One JSON-RPC batch: <paramref name="body"/> is a JSON array of calls carrying <paramref name="ids"/>
    /// (unique, like single requests' ids). Returns the answers in the order of <paramref name="ids"/>;
    /// a batch the node refuses as a whole gives every call that error.
    /// </summary>
    Task<RpcResponse[]> SendBatchAsync(ReadOnlyMemory<byte> body, long[] ids, CancellationToken ct = default);

    string Describe { get; }

    /// <summary>HTTP for http(s):// URLs, WebSocket for ws(s)://, <paramref name="connections"/> connections either way.</summary>
    static async Task<IRpcTransport> OpenAsync(Uri url, int connections, CancellationToken ct = default) =>
        url.Scheme is "ws" or "wss"
            ? await WebSocketRpcTransport.ConnectAsync(url, connections, ct).ConfigureAwait(false)
            : new HttpRpcTransport(url, connections);
}
