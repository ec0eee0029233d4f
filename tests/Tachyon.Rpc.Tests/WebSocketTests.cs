using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Tachyon.Core.Blocks;
using Tachyon.Core.Types;
using Tachyon.Rpc.Backend;
using Tachyon.Rpc.Server;

namespace Tachyon.Rpc.Tests;

/// <summary>JSON-RPC over WebSocket and the subscription feeds.</summary>
public sealed class WebSocketTests
{
    private static async Task<string> SubscribeAsync(WsClient ws, string paramsJson)
    {
        JsonElement response = await ws.RequestAsync("eth_subscribe", paramsJson);
        Assert.False(response.TryGetProperty("error", out JsonElement error), error.ToString());
        return response.GetProperty("result").GetString()!;
    }

    private static async Task WaitForObserversAsync(FakeBackend backend, int count)
    {
        for (int i = 0; i < 200 && backend.Hub.ObserverCount < count; i++) await Task.Delay(5);
    }

    [Fact]
    public async Task Request_And_Batch_OverWebSocket()
    {
        await using TestServer s = await TestServer.StartAsync();
        using WsClient ws = await s.ConnectAsync();
        JsonElement r = await ws.RequestAsync("eth_chainId");
        Assert.Equal("0x7a69", r.GetProperty("result").GetString());
        await ws.SendAsync("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\"},{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"eth_blockNumber\"}]");
        JsonElement batch = await ws.ReceiveAsync();
        Assert.Equal(2, batch.GetArrayLength());
        await ws.SendAsync("{oops");
        Assert.Equal(-32700, (await ws.ReceiveAsync()).GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Pipelined_Requests_Each_Get_Their_Own_Answer()
    {
        // Many requests in flight on one socket: handlers answer as they finish, each answer whole.
        await using TestServer s = await TestServer.StartAsync();
        using WsClient ws = await s.ConnectAsync();
        const int n = 200;
        for (int i = 0; i < n; i++)
            await ws.SendAsync(i % 3 == 0
                ? $"[{{\"jsonrpc\":\"2.0\",\"id\":{i},\"method\":\"eth_chainId\"}},{{\"jsonrpc\":\"2.0\",\"id\":{i + 1000},\"method\":\"eth_blockNumber\"}}]"
                : $"{{\"jsonrpc\":\"2.0\",\"id\":{i},\"method\":\"eth_chainId\"}}");
        var seen = new HashSet<long>();
        for (int i = 0; i < n; i++)
        {
            JsonElement answer = await ws.ReceiveAsync();
            if (answer.ValueKind == JsonValueKind.Array)
            {
                Assert.Equal(2, answer.GetArrayLength());
                foreach (JsonElement a in answer.EnumerateArray()) Assert.True(seen.Add(a.GetProperty("id").GetInt64()));
            }
            else
            {
                Assert.Equal("0x7a69", answer.GetProperty("result").GetString());
                Assert.True(seen.Add(answer.GetProperty("id").GetInt64()));
            }
        }
        Assert.Equal(n + (n + 2) / 3, seen.Count);
    }

    [Fact]
    public async Task NewHeads_Notification_Arrives_AndUnsubscribeStopsIt()
    {
        await using TestServer s = await TestServer.StartAsync();
        using WsClient ws = await s.ConnectAsync();
        string id = await SubscribeAsync(ws, "[\"newHeads\"]");
        Assert.StartsWith("0x", id);
        await WaitForObserversAsync(s.Backend, 1);

        s.Backend.Hub.Publish(new NewHeadEvent(s.Backend.Head));
        JsonElement n = await ws.ReceiveAsync();
        Assert.Equal("eth_subscription", n.GetProperty("method").GetString());
        Assert.Equal(id, n.GetProperty("params").GetProperty("subscription").GetString());
        JsonElement head = n.GetProperty("params").GetProperty("result");
        Assert.Equal(s.Backend.Head.Hash.ToString(), head.GetProperty("hash").GetString());
        Assert.Equal("0x1", head.GetProperty("number").GetString());
        Assert.False(head.TryGetProperty("transactions", out _));

        Assert.True((await ws.RequestAsync("eth_unsubscribe", $"[\"{id}\"]")).GetProperty("result").GetBoolean());
        Assert.False((await ws.RequestAsync("eth_unsubscribe", $"[\"{id}\"]")).GetProperty("result").GetBoolean());
        Assert.Equal(0, s.Backend.Hub.ObserverCount);
    }

    [Fact]
    public async Task Logs_Subscription_AppliesFilter()
    {
        await using TestServer s = await TestServer.StartAsync();
        using WsClient ws = await s.ConnectAsync();
        string id = await SubscribeAsync(ws, $"[\"logs\",{{\"address\":\"{FakeBackend.Token}\",\"topics\":[\"{FakeBackend.TransferTopic}\"]}}]");
        await WaitForObserversAsync(s.Backend, 1);

        var other = new Log(FakeBackend.Reverter, [FakeBackend.TransferTopic], Array.Empty<byte>());
        var wanted = new Log(FakeBackend.Token, [FakeBackend.TransferTopic], new byte[] { 9 });
        Hash256 block = s.Backend.Head.Hash;
        s.Backend.Hub.Publish(new LogsEvent([
            new LogInfo(other, block, 1, Hash256.EmptyKeccak, 0, 0),
            new LogInfo(wanted, block, 1, Hash256.EmptyKeccak, 0, 1),
        ]));
        JsonElement n = await ws.ReceiveAsync();
        Assert.Equal(id, n.GetProperty("params").GetProperty("subscription").GetString());
        JsonElement log = n.GetProperty("params").GetProperty("result");
        Assert.Equal("0x1", log.GetProperty("logIndex").GetString());
        Assert.Equal("0x09", log.GetProperty("data").GetString());
    }

    [Fact]
    public async Task Realtime_MiniBlocks_And_StateChanges()
    {
        await using TestServer s = await TestServer.StartAsync();
        using WsClient ws = await s.ConnectAsync();
        string mini = await SubscribeAsync(ws, "[\"miniBlocks\"]");
        string state = await SubscribeAsync(ws, $"[\"stateChanges\",{{\"addresses\":[\"{FakeBackend.DevAddress}\"]}}]");
        await WaitForObserversAsync(s.Backend, 2);

        s.Backend.Hub.Publish(new MiniBlockEvent(2, 7, 1_700_000_000_123, 21_000, [], []) { Number = 99 });
        JsonElement n = await ws.ReceiveAsync();
        Assert.Equal(mini, n.GetProperty("params").GetProperty("subscription").GetString());
        Assert.Equal("0x7", n.GetProperty("params").GetProperty("result").GetProperty("index").GetString());
        Assert.Equal("0x63", n.GetProperty("params").GetProperty("result").GetProperty("number").GetString());

        s.Backend.Hub.Publish(new StateChangesEvent(2, 7, [
            new AccountChange(FakeBackend.Token) { Nonce = 1 },
            new AccountChange(FakeBackend.DevAddress) { Nonce = 3, Balance = 10, Storage = new Dictionary<Hash256, Hash256> { [Hash256.Zero] = Hash256.EmptyKeccak } },
        ]));
        n = await ws.ReceiveAsync();
        Assert.Equal(state, n.GetProperty("params").GetProperty("subscription").GetString());
        JsonElement change = n.GetProperty("params").GetProperty("result");
        Assert.Equal(FakeBackend.DevAddress.ToString(), change.GetProperty("address").GetString());
        Assert.Equal("0xa", change.GetProperty("balance").GetString());
        Assert.Equal(Hash256.EmptyKeccak.ToString(), change.GetProperty("storage").GetProperty(Hash256.Zero.ToString()).GetString());
    }

    [Fact]
    public async Task SubscriptionLimit_PerConnection()
    {
        await using TestServer s = await TestServer.StartAsync(new RpcServerOptions { MaxSubscriptionsPerConnection = 2 });
        using WsClient ws = await s.ConnectAsync();
        await SubscribeAsync(ws, "[\"newHeads\"]");
        await SubscribeAsync(ws, "[\"newHeads\"]");
        JsonElement third = await ws.RequestAsync("eth_subscribe", "[\"newHeads\"]");
        Assert.Equal(-32005, third.GetProperty("error").GetProperty("code").GetInt32());
        JsonElement bad = await ws.RequestAsync("eth_subscribe", "[\"everything\"]");
        Assert.Equal(-32602, bad.GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Disconnect_DropsSubscriptions()
    {
        await using TestServer s = await TestServer.StartAsync();
        using (WsClient ws = await s.ConnectAsync())
        {
            await SubscribeAsync(ws, "[\"newHeads\"]");
            await WaitForObserversAsync(s.Backend, 1);
            Assert.Equal(1, s.Backend.Hub.ObserverCount);
            await ws.Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        }
        for (int i = 0; i < 200 && s.Backend.Hub.ObserverCount > 0; i++) await Task.Delay(10);
        Assert.Equal(0, s.Backend.Hub.ObserverCount);
    }

    [Fact]
    public async Task OversizedMessage_ClosesWithMessageTooBig()
    {
        await using TestServer s = await TestServer.StartAsync(new RpcServerOptions { MaxWebSocketMessageBytes = 1024 });
        using WsClient ws = await s.ConnectAsync();
        await ws.Socket.SendAsync(Encoding.UTF8.GetBytes(new string(' ', 4096)), WebSocketMessageType.Text, true, CancellationToken.None);
        var ex = await Assert.ThrowsAsync<WebSocketException>(() => ws.ReceiveAsync());
        Assert.Contains("MessageTooBig", ex.Message);
    }

    [Fact]
    public async Task SendSync_OverWebSocket_DoesNotBlockOtherRequests()
    {
        await using TestServer s = await TestServer.StartAsync();
        s.Backend.MineDelay = TimeSpan.FromMilliseconds(300);
        using WsClient ws = await s.ConnectAsync();
        var tx = Core.Transactions.TransactionSigner.Sign(new Core.Transactions.Transaction
        {
            Type = Core.Transactions.TransactionType.DynamicFee, ChainId = FakeBackend.Chain, Nonce = 1, GasLimit = 21_000,
            MaxFeePerGas = 2, MaxPriorityFeePerGas = 1, To = FakeBackend.Token,
        }, FakeBackend.DevKey);
        string raw = Hex.ToHex(Core.Transactions.TransactionEncoder.Encode(tx));
        await ws.SendAsync($"{{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_sendRawTransactionSync\",\"params\":[\"{raw}\"]}}");
        await ws.SendAsync("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"eth_chainId\"}");
        JsonElement first = await ws.ReceiveAsync();
        JsonElement second = await ws.ReceiveAsync();
        Assert.Equal(2, first.GetProperty("id").GetInt32());
        Assert.Equal(1, second.GetProperty("id").GetInt32());
        Assert.Equal(tx.Hash.ToString(), second.GetProperty("result").GetProperty("transactionHash").GetString());
    }
}
