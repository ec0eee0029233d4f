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

    /// <summary>
    /// One JSON-RPC batch (a JSON array of calls, ids 0..n-1); answers come back in call order. A failed
    /// batch gives every call the same transport error.
    /// </summary>
    public async Task<RpcResponse[]> SendBatchAsync(IReadOnlyList<(string Method, string Params)> calls, CancellationToken ct = default)
    {
        var sb = new System.Text.StringBuilder("[");
        for (int i = 0; i < calls.Count; i++)
            sb.Append(i == 0 ? "" : ",").Append($"{{\"jsonrpc\":\"2.0\",\"id\":{i},\"method\":\"{calls[i].Method}\",\"params\":{calls[i].Params}}}");
        sb.Append(']');
        var answers = new RpcResponse[calls.Count];
        var got = new bool[calls.Count];
        RpcResponse failure = default;
        bool failed = false;
        try
        {
            using var content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(sb.ToString()));
            content.Headers.ContentType = Json;
            using HttpResponseMessage resp = await _client.PostAsync(_url, content, ct).ConfigureAwait(false);
            byte[] bytes = await resp.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
            using var doc = System.Text.Json.JsonDocument.Parse(bytes);
            if (doc.RootElement.ValueKind != System.Text.Json.JsonValueKind.Array)
            {
                failed = true;
                failure = RpcResponse.FromElement(doc.RootElement);
                if (failure.Ok) failure = RpcResponse.Transport(-1, "the node answered a batch with a single object");
            }
            else
            {
                foreach (var e in doc.RootElement.EnumerateArray())
                {
                    RpcResponse r = RpcResponse.FromElement(e);
                    if (r.Id >= 0 && r.Id < answers.Length)
                    {
                        answers[r.Id] = r;
                        got[r.Id] = true;
                    }
                }
            }
        }
        catch (HttpRequestException e)
        {
            failed = true;
            failure = RpcResponse.Transport(-1, $"{_url}: {e.Message}");
        }
        catch (System.Text.Json.JsonException e)
        {
            failed = true;
            failure = RpcResponse.Transport(-1, "the node's batch answer is not JSON: " + e.Message);
        }
        for (int i = 0; i < answers.Length; i++)
            if (failed) answers[i] = new RpcResponse(i, failure.Error!.Value);
            else if (!got[i]) answers[i] = RpcResponse.Transport(i, "the batch answer lacks this call");
        return answers;
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
