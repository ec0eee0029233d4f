using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Tachyon.Rpc.Server;

namespace Tachyon.Rpc.Tests;

/// <summary>A real server on 127.0.0.1 with a random port over a <see cref="FakeBackend"/>.</summary>
internal sealed class TestServer : IAsyncDisposable
{
    private TestServer(RpcServer server, FakeBackend backend)
    {
        Server = server;
        Backend = backend;
        Http = new HttpClient { BaseAddress = server.HttpUri, Timeout = TimeSpan.FromSeconds(10) };
    }

    public RpcServer Server { get; }
    public FakeBackend Backend { get; }
    public HttpClient Http { get; }

    public static async Task<TestServer> StartAsync(RpcServerOptions? options = null, FakeBackend? backend = null)
    {
        backend ??= new FakeBackend();
        var server = new RpcServer(backend, (options ?? new RpcServerOptions()) with { Host = "127.0.0.1", Port = 0 });
        await server.StartAsync();
        return new TestServer(server, backend);
    }

    public async Task<(int Status, string Body)> PostAsync(string json)
    {
        using var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using HttpResponseMessage response = await Http.PostAsync("/", content);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Calls one method over HTTP and returns the whole response object.</summary>
    public async Task<JsonElement> CallAsync(string method, string paramsJson = "[]")
    {
        var (status, body) = await PostAsync($"{{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"{method}\",\"params\":{paramsJson}}}");
        Assert.Equal(200, status);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public async Task<JsonElement> ResultAsync(string method, string paramsJson = "[]")
    {
        JsonElement response = await CallAsync(method, paramsJson);
        Assert.False(response.TryGetProperty("error", out JsonElement error), error.ToString());
        return response.GetProperty("result");
    }

    public async Task<(int Code, string Message, JsonElement Error)> ErrorAsync(string method, string paramsJson = "[]")
    {
        JsonElement response = await CallAsync(method, paramsJson);
        Assert.True(response.TryGetProperty("error", out JsonElement error), "expected an error, got " + response);
        return (error.GetProperty("code").GetInt32(), error.GetProperty("message").GetString()!, error);
    }

    public async Task<WsClient> ConnectAsync()
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(Server.WebSocketUri, CancellationToken.None);
        return new WsClient(socket);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}

internal sealed class WsClient(ClientWebSocket socket) : IDisposable
{
    public ClientWebSocket Socket => socket;

    public Task SendAsync(string json) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);

    public async Task<JsonElement> ReceiveAsync(int timeoutMs = 5000)
    {
        using var cts = new CancellationTokenSource(timeoutMs);
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            WebSocketReceiveResult r = await socket.ReceiveAsync(buffer, cts.Token);
            if (r.MessageType == WebSocketMessageType.Close) throw new WebSocketException("closed: " + r.CloseStatus);
            message.Write(buffer, 0, r.Count);
            if (r.EndOfMessage) break;
        }
        return JsonDocument.Parse(message.ToArray()).RootElement.Clone();
    }

    public async Task<JsonElement> RequestAsync(string method, string paramsJson = "[]", int id = 1)
    {
        await SendAsync($"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"method\":\"{method}\",\"params\":{paramsJson}}}");
        return await ReceiveAsync();
    }

    public void Dispose() => socket.Dispose();
}

/// <summary>One server shared by the tests of a class.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    internal TestServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
