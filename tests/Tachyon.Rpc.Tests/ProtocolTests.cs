using System.Text;
using System.Text.Json;
using Tachyon.Rpc.Json;
using Tachyon.Rpc.Server;

namespace Tachyon.Rpc.Tests;

/// <summary>JSON-RPC 2.0 envelope handling over HTTP: batches, notifications, limits, malformed input.</summary>
public sealed class ProtocolTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer S => fixture.Server;

    [Fact]
    public async Task ChainId_RoundTrips_WithIdPreserved()
    {
        var (status, body) = await S.PostAsync("{\"jsonrpc\":\"2.0\",\"id\":\"abc\",\"method\":\"eth_chainId\",\"params\":[]}");
        Assert.Equal(200, status);
        Assert.Equal("{\"jsonrpc\":\"2.0\",\"id\":\"abc\",\"result\":\"0x7a69\"}", body);
    }

    [Fact]
    public async Task Params_MayBeOmitted()
    {
        var (_, body) = await S.PostAsync("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"eth_blockNumber\"}");
        Assert.Equal("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":\"0x1\"}", body);
    }

    [Fact]
    public async Task Batch_AnswersEachItem_InOrder_WithPerItemErrors()
    {
        var (status, body) = await S.PostAsync(
            "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\"}," +
            "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"nope_nope\"}," +
            "{\"jsonrpc\":\"2.0\",\"method\":\"eth_chainId\"}," +
            "42," +
            "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"net_version\"}]");
        Assert.Equal(200, status);
        JsonElement[] items = JsonDocument.Parse(body).RootElement.EnumerateArray().ToArray();
        Assert.Equal(4, items.Length); // the notification gets no entry
        Assert.Equal("0x7a69", items[0].GetProperty("result").GetString());
        Assert.Equal(-32601, items[1].GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal(-32600, items[2].GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal(JsonValueKind.Null, items[2].GetProperty("id").ValueKind);
        Assert.Equal("31337", items[3].GetProperty("result").GetString());
    }

    [Fact]
    public async Task EmptyBatch_IsInvalidRequest()
    {
        var (_, body) = await S.PostAsync("[]");
        JsonElement e = JsonDocument.Parse(body).RootElement;
        Assert.Equal(JsonValueKind.Object, e.ValueKind);
        Assert.Equal(-32600, e.GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task TooLongBatch_IsRejected()
    {
        var sb = new StringBuilder("[");
        for (int i = 0; i < 1001; i++) sb.Append(i == 0 ? "" : ",").Append("{\"jsonrpc\":\"2.0\",\"id\":").Append(i).Append(",\"method\":\"eth_chainId\"}");
        var (_, body) = await S.PostAsync(sb.Append(']').ToString());
        JsonElement error = JsonDocument.Parse(body).RootElement.GetProperty("error");
        Assert.Equal(-32600, error.GetProperty("code").GetInt32());
        Assert.Contains("batch too large", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Notification_GetsNoResponse()
    {
        var (status, body) = await S.PostAsync("{\"jsonrpc\":\"2.0\",\"method\":\"eth_chainId\",\"params\":[]}");
        Assert.Equal(200, status);
        Assert.Equal("", body);
    }

    [Theory]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":")]
    [InlineData("garbage")]
    [InlineData("")]
    [InlineData("{\"a\":1}}")]
    public async Task Garbage_IsParseError(string body)
    {
        var (status, response) = await S.PostAsync(body);
        Assert.Equal(200, status);
        JsonElement e = JsonDocument.Parse(response).RootElement;
        Assert.Equal(-32700, e.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal(JsonValueKind.Null, e.GetProperty("id").ValueKind);
    }

    [Theory]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1}")]
    [InlineData("{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"eth_chainId\"}")]
    [InlineData("{\"id\":1,\"method\":\"eth_chainId\"}")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"eth_chainId\"}")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":5}")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":\"x\"}")]
    [InlineData("7")]
    public async Task MalformedRequest_IsInvalidRequest(string body)
    {
        var (_, response) = await S.PostAsync(body);
        Assert.Equal(-32600, JsonDocument.Parse(response).RootElement.GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task UnknownMethod_IsMethodNotFound()
    {
        var (code, message, _) = await S.ErrorAsync("eth_doesNotExist");
        Assert.Equal(-32601, code);
        Assert.Contains("eth_doesNotExist", message);
    }

    [Fact]
    public async Task NamedParams_AreInvalidParams()
    {
        var (_, response) = await S.PostAsync("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":{}}");
        Assert.Equal(-32602, JsonDocument.Parse(response).RootElement.GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task BackendException_IsInternalError_AndServerSurvives()
    {
        S.Backend.ThrowOnBalance = true;
        try
        {
            var (code, message, _) = await S.ErrorAsync("eth_getBalance", "[\"0x1000000000000000000000000000000000000001\",\"latest\"]");
            Assert.Equal(-32603, code);
            Assert.DoesNotContain("boom", message);
        }
        finally
        {
            S.Backend.ThrowOnBalance = false;
        }
        Assert.Equal("0x7a69", (await S.ResultAsync("eth_chainId")).GetString());
    }

    [Fact]
    public async Task Get_IsMethodNotAllowed()
    {
        using HttpResponseMessage response = await S.Http.GetAsync("/");
        Assert.Equal(405, (int)response.StatusCode);
    }

    [Fact]
    public async Task CorsPreflight_IsAnswered()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/");
        request.Headers.Add("Origin", "http://localhost:3000");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type");
        using HttpResponseMessage response = await S.Http.SendAsync(request);
        Assert.Equal(204, (int)response.StatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("POST", response.Headers.GetValues("Access-Control-Allow-Methods").Single());
    }

    [Fact]
    public async Task CorsHeader_OnPost()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/")
        {
            Content = new StringContent("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\"}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Origin", "http://localhost:3000");
        using HttpResponseMessage response = await S.Http.SendAsync(request);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }
}

public sealed class LimitTests
{
    [Fact]
    public async Task OversizedBody_Is413_WithJsonRpcError()
    {
        await using TestServer s = await TestServer.StartAsync(new RpcServerOptions { MaxRequestBodyBytes = 1024 });
        string big = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"web3_sha3\",\"params\":[\"0x" + new string('a', 4000) + "\"]}";
        var (status, body) = await s.PostAsync(big);
        Assert.Equal(413, status);
        JsonElement error = JsonDocument.Parse(body).RootElement.GetProperty("error");
        Assert.Equal(RpcErrorCodes.InvalidRequest, error.GetProperty("code").GetInt32());
        Assert.Contains("too large", error.GetProperty("message").GetString());

        // A chunked body (no Content-Length) is cut off while reading.
        using var content = new PushContent(Encoding.UTF8.GetBytes(big));
        using HttpResponseMessage response = await s.Http.PostAsync("/", content);
        Assert.Equal(413, (int)response.StatusCode);

        // The server still answers normal requests.
        Assert.Equal("0x7a69", (await s.ResultAsync("eth_chainId")).GetString());
    }

    [Fact]
    public async Task CorsOrigins_AreRestricted()
    {
        await using TestServer s = await TestServer.StartAsync(new RpcServerOptions { CorsOrigins = ["https://app.example"] });
        using var bad = new HttpRequestMessage(HttpMethod.Options, "/");
        bad.Headers.Add("Origin", "https://evil.example");
        using HttpResponseMessage denied = await s.Http.SendAsync(bad);
        Assert.Equal(403, (int)denied.StatusCode);
        using var good = new HttpRequestMessage(HttpMethod.Options, "/");
        good.Headers.Add("Origin", "https://app.example");
        using HttpResponseMessage allowed = await s.Http.SendAsync(good);
        Assert.Equal("https://app.example", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    /// <summary>Content without a known length, so HttpClient sends it chunked.</summary>
    private sealed class PushContent(byte[] data) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(data).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
