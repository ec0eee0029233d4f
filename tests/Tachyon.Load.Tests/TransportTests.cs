using Tachyon.Load.Rpc;
using Tachyon.Rpc.Server;

namespace Tachyon.Load.Tests;

/// <summary>Transports answer every request, also when the node is down or answers garbage; batches keep call order.</summary>
public sealed class TransportTests
{
    private static int DeadPort()
    {
        var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        int port = ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    [Theory]
    [InlineData("http")]
    [InlineData("ws")]
    public async Task A_dead_node_gives_transport_errors_not_exceptions(string scheme)
    {
        var url = new Uri($"{scheme}://127.0.0.1:{DeadPort()}/");
        await using IRpcTransport t = await IRpcTransport.OpenAsync(url, 2);
        RpcResponse r = await t.SendAsync(RpcRequest.Build(7, "eth_chainId", "[]"), 7);
        Assert.False(r.Ok);
        Assert.True(r.Error!.Value.IsTransport);
        Assert.Contains("127.0.0.1", r.Error.Value.Message);
    }

    [Fact]
    public void Garbage_and_error_bodies_parse_to_errors()
    {
        Assert.True(RpcResponse.Parse("not json"u8.ToArray()).Error!.Value.IsTransport);
        Assert.True(RpcResponse.Parse("[1,2]"u8.ToArray()).Error!.Value.IsTransport);
        RpcResponse e = RpcResponse.Parse("{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":-32000,\"message\":\"nonce too low\"}}"u8.ToArray());
        Assert.Equal(3, e.Id);
        Assert.Equal(new RpcError(-32000, "nonce too low"), e.Error);
        Assert.False(e.Error!.Value.IsMethodMissing);
        Assert.True(new RpcError(-32004, "Method eth_sendRawTransactionSync is not supported").IsMethodMissing);
        Assert.True(new RpcError(-32601, "the method x does not exist/is not available").IsMethodMissing);
    }

    [Fact]
    public async Task Batches_come_back_in_call_order_over_http_and_pipelined_websocket_requests_match_ids()
    {
        await using var server = new RpcServer(new MiniChain(), new RpcServerOptions { Host = "127.0.0.1", Port = 0 });
        await server.StartAsync();
        await using var http = new HttpRpcTransport(server.HttpUri, 2);
        RpcResponse[] answers = await http.SendBatchAsync([("eth_chainId", "[]"), ("no_such_method", "[]"), ("eth_blockNumber", "[]")]);
        Assert.Equal("0x7a69", answers[0].Result.GetString());
        Assert.True(answers[1].Error!.Value.IsMethodMissing);
        Assert.Equal("0x0", answers[2].Result.GetString());

        // The same batch as raw bodies with our own ids, over both transports; a refused batch fails every call.
        byte[] batch = RpcRequest.Batch([RpcRequest.Build(70, "eth_chainId", "[]"), RpcRequest.Build(71, "no_such_method", "[]"), RpcRequest.Build(72, "eth_blockNumber", "[]")]);
        await using IRpcTransport ws = await IRpcTransport.OpenAsync(server.WebSocketUri, 2);
        foreach (IRpcTransport t in new IRpcTransport[] { http, ws })
        {
            RpcResponse[] b = await t.SendBatchAsync(batch, [72, 70, 71]);
            Assert.Equal([72L, 70L, 71L], b.Select(r => r.Id));
            Assert.Equal("0x0", b[0].Result.GetString());
            Assert.Equal("0x7a69", b[1].Result.GetString());
            Assert.True(b[2].Error!.Value.IsMethodMissing);
            RpcResponse[] refused = await t.SendBatchAsync("[]"u8.ToArray(), [80, 81]);
            Assert.All(refused, r => Assert.Contains("empty batch", r.Error!.Value.Message));
            Assert.Equal([80L, 81L], refused.Select(r => r.Id));
        }

        Task<RpcResponse>[] many = Enumerable.Range(0, 50)
            .Select(i => ws.SendAsync(RpcRequest.Build(i, i % 2 == 0 ? "eth_chainId" : "eth_blockNumber", "[]"), i)).ToArray();
        RpcResponse[] got = await Task.WhenAll(many);
        for (int i = 0; i < got.Length; i++)
        {
            Assert.Equal(i, got[i].Id);
            Assert.Equal(i % 2 == 0 ? "0x7a69" : "0x0", got[i].Result.GetString());
        }
    }
}
