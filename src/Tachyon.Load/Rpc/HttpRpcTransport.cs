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
        try
        {
            using var content = new ReadOnlyMemoryContent(body);
            content.Headers.ContentType = Json;
            using HttpResponseMessage resp = await _client.PostAsync(_url, content, ct).ConfigureAwait(false);
            byte[] bytes = await resp.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
            if (bytes.Length == 0) return RpcResponse.Transport(id, $"HTTP {(int)resp.StatusCode} with an empty body");
            RpcResponse r = RpcResponse.Parse(bytes);
            if (!resp.IsSuccessStatusCode && r.Error is { IsTransport: true })
                return RpcResponse.Transport(id, $"HTTP {(int)resp.StatusCode} {resp.ReasonPhrase}");
            return r;
        }
        catch (HttpRequestException e)
        {
            return RpcResponse.Transport(id, $"{_url}: {e.Message}");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return RpcResponse.Transport(id, $"{_url}: no answer within {_client.Timeout.TotalSeconds:0} s");
        }
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
