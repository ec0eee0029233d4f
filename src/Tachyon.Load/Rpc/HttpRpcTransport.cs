using System.Net;
using System.Net.Http.Headers;

namespace Tachyon.Load.Rpc;

/// <summary>JSON-RPC over HTTP POST, with up to N pooled keep-alive connections to the node.</summary>
public sealed class HttpRpcTransport : IRpcTransport
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly HttpClient _client;
    private readonly Uri _url;

    public HttpRpcTransport(Uri url, int connections)
    {
        _url = url;
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Math.Max(1, connections),
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.None,
            UseProxy = false,
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
        _client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(120) };
        Describe = $"HTTP, {Math.Max(1, connections)} connection(s)";
    }

    public string Describe { get; }

    public async Task<RpcResponse> SendAsync(ReadOnlyMemory<byte> body, long id, CancellationToken ct = default)
    {
        var (bytes, failure) = await PostAsync(body, ct).ConfigureAwait(false);
        if (failure != null) return RpcResponse.Transport(id, failure);
        return RpcResponse.Parse(bytes!);
    }

    public async Task<RpcResponse[]> SendBatchAsync(ReadOnlyMemory<byte> body, long[] ids, CancellationToken ct = default)
    {
        var (bytes, failure) = await PostAsync(body, ct).ConfigureAwait(false);
        if (failure == null) return RpcResponse.ParseBatch(bytes!, ids);
        var answers = new RpcResponse[ids.Length];
        for (int i = 0; i < ids.Length; i++) answers[i] = RpcResponse.Transport(ids[i], failure);
        return answers;
    }

    /// <summary>
    /// One JSON-RPC batch of calls given as method and params text (ids 0..n-1); answers come back in
    /// call order.
    /// </summary>
    public Task<RpcResponse[]> SendBatchAsync(IReadOnlyList<(string Method, string Params)> calls, CancellationToken ct = default)
    {
        var bodies = new byte[calls.Count][];
        var ids = new long[calls.Count];
        for (int i = 0; i < calls.Count; i++)
        {
            ids[i] = i;
            bodies[i] = RpcRequest.Build(i, calls[i].Method, calls[i].Params);
        }
        return SendBatchAsync(RpcRequest.Batch(bodies), ids, ct);
    }

    // The answer's body, or why there is none to parse.
    private async Task<(byte[]? Body, string? Failure)> PostAsync(ReadOnlyMemory<byte> body, CancellationToken ct)
    {
        try
        {
            using var content = new ReadOnlyMemoryContent(body);
            content.Headers.ContentType = Json;
            using HttpResponseMessage resp = await _client.PostAsync(_url, content, ct).ConfigureAwait(false);
            byte[] bytes = await resp.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
            if (bytes.Length == 0) return (null, $"HTTP {(int)resp.StatusCode} with an empty body");
            // An error status whose body is not a JSON-RPC answer is reported by its status line.
            if (!resp.IsSuccessStatusCode && RpcResponse.Parse(bytes).Error is { IsTransport: true })
                return (null, $"HTTP {(int)resp.StatusCode} {resp.ReasonPhrase}");
            return (bytes, null);
        }
        catch (HttpRequestException e)
        {
            return (null, $"{_url}: {e.Message}");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return (null, $"{_url}: no answer within {_client.Timeout.TotalSeconds:0} s");
        }
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
