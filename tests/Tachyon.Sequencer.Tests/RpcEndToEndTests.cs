using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Tachyon.Core.Numerics;
using Tachyon.Core.Transactions;
using Tachyon.Core.Types;
using Tachyon.Rpc.Backend;
using Tachyon.Rpc.Server;
using Xunit.Abstractions;
using static Tachyon.Sequencer.Tests.TestChain;

namespace Tachyon.Sequencer.Tests;

public sealed class RpcEndToEndTests(ITestOutputHelper output)
{
    private static readonly Address Bob = Address.Parse("0x00000000000000000000000000000000000000b0");

    internal static async Task<JsonElement> PostAsync(HttpClient http, string method, string paramsJson)
    {
        using var content = new StringContent($"{{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"{method}\",\"params\":{paramsJson}}}", Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await http.PostAsync("/", content);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Fact]
    public async Task SendRawTransactionSyncOverHttpThenReadTheBalance()
    {
        await using var chain = Start(blockMs: 200);
        await using var server = new RpcServer(chain.Backend, new RpcServerOptions { Host = "127.0.0.1", Port = 0 });
        await server.StartAsync();
        using var http = new HttpClient { BaseAddress = server.HttpUri, Timeout = TimeSpan.FromSeconds(10) };

        var tx = Transfer(0, Bob, 1_000_000, nonce: 0);
        string raw = "0x" + Convert.ToHexString(TransactionEncoder.Encode(tx)).ToLowerInvariant();
        JsonElement response = await PostAsync(http, "eth_sendRawTransactionSync", $"[\"{raw}\"]");
        Assert.False(response.TryGetProperty("error", out var error), error.ToString());
        JsonElement receipt = response.GetProperty("result");
        Assert.Equal("0x1", receipt.GetProperty("status").GetString());
        Assert.Equal(tx.Hash.ToString(), receipt.GetProperty("transactionHash").GetString());

        JsonElement balance = await PostAsync(http, "eth_getBalance", $"[\"{Bob}\", \"latest\"]");
        Assert.Equal("0xf4240", balance.GetProperty("result").GetString());

        // The same transaction again: a geth-style error clients match on.
        JsonElement again = await PostAsync(http, "eth_sendRawTransaction", $"[\"{raw}\"]");
        Assert.StartsWith("already known", again.GetProperty("error").GetProperty("message").GetString());
        var stale = Transfer(0, Bob, 1, nonce: 0, maxFee: Gwei * 20);
        JsonElement low = await PostAsync(http, "eth_sendRawTransaction", $"[\"0x{Convert.ToHexString(TransactionEncoder.Encode(stale))}\"]");
        Assert.StartsWith("nonce too low", low.GetProperty("error").GetProperty("message").GetString());

        // Dev account: eth_sendTransaction fills nonce, gas and fees.
        JsonElement sent = await PostAsync(http, "eth_sendTransaction", $"[{{\"from\":\"{Accounts[0]}\",\"to\":\"{Bob}\",\"value\":\"0x1\"}}]");
        Assert.False(sent.TryGetProperty("error", out error), error.ToString());
        Hash256 sentHash = Hash256.Parse(sent.GetProperty("result").GetString()!);
        Assert.NotNull(await chain.Backend.WaitForReceiptAsync(sentHash, TimeSpan.FromSeconds(5), CancellationToken.None));

        await chain.WaitForHeadAsync(1);
        JsonElement block = await PostAsync(http, "eth_getBlockByNumber", "[\"0x1\", false]");
        Assert.Equal("0x1", block.GetProperty("result").GetProperty("number").GetString());
        JsonElement number = await PostAsync(http, "eth_blockNumber", "[]");
        Assert.NotEqual("0x0", number.GetProperty("result").GetString());
    }

    /// <summary>
    /// Rough in-process send→receipt latency: 1,000 sequential transfers through
    /// SubmitTransactionAsync + WaitForReceiptAsync. Prints p50/p99/max; asserts only a loose bound.
    /// </summary>
    [Fact]
    public async Task InProcessSendToReceiptLatency()
    {
        await using var chain = Start(blockMs: 1000, configure: o => o with { MiniBlockInterval = TimeSpan.FromMilliseconds(10) });
        const int count = 1000;
        var txs = new Transaction[count + 100];
        for (int i = 0; i < txs.Length; i++) txs[i] = Transfer(0, Bob, 1, nonce: (ulong)i);
        Address sender = Accounts[0];
        for (int i = 0; i < 100; i++) // warm-up
        {
            await chain.Backend.SubmitTransactionAsync(txs[i], sender, CancellationToken.None);
            await chain.Backend.WaitForReceiptAsync(txs[i].Hash, TimeSpan.FromSeconds(5), CancellationToken.None);
        }
        var samples = new double[count];
        for (int i = 0; i < count; i++)
        {
            Transaction tx = txs[100 + i];
            long start = Stopwatch.GetTimestamp();
            SubmitResult r = await chain.Backend.SubmitTransactionAsync(tx, sender, CancellationToken.None);
            ReceiptInfo? receipt = await chain.Backend.WaitForReceiptAsync(tx.Hash, TimeSpan.FromSeconds(5), CancellationToken.None);
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            Assert.True(r.Accepted, r.Detail);
            Assert.NotNull(receipt);
        }
        Array.Sort(samples);
        string line = $"send->receipt in-process, {count} sequential transfers: p50 {samples[count / 2]:F0} us, p99 {samples[count * 99 / 100]:F0} us, max {samples[^1]:F0} us";
        output.WriteLine(line);
        Console.WriteLine(line);
        Assert.True(samples[count / 2] < 50_000, line);
    }

    /// <summary>Rough loopback number: eth_sendRawTransactionSync over one keep-alive HTTP connection. Prints p50/p99/max.</summary>
    [Fact]
    public async Task LoopbackHttpSendRawTransactionSyncLatency()
    {
        await using var chain = Start(blockMs: 1000, configure: o => o with { MiniBlockInterval = TimeSpan.FromMilliseconds(10) });
        await using var server = new RpcServer(chain.Backend, new RpcServerOptions { Host = "127.0.0.1", Port = 0 });
        await server.StartAsync();
        using var http = new HttpClient { BaseAddress = server.HttpUri, Timeout = TimeSpan.FromSeconds(10) };
        const int warm = 50, count = 300;
        var samples = new double[count];
        for (int i = 0; i < warm + count; i++)
        {
            string raw = "0x" + Convert.ToHexString(TransactionEncoder.Encode(Transfer(0, Bob, 1, nonce: (ulong)i)));
            long start = Stopwatch.GetTimestamp();
            JsonElement response = await PostAsync(http, "eth_sendRawTransactionSync", $"[\"{raw}\"]");
            double us = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            Assert.Equal("0x1", response.GetProperty("result").GetProperty("status").GetString());
            if (i >= warm) samples[i - warm] = us;
        }
        Array.Sort(samples);
        string line = $"send->receipt over loopback HTTP, {count} sequential eth_sendRawTransactionSync: p50 {samples[count / 2]:F0} us, p99 {samples[count * 99 / 100]:F0} us, max {samples[^1]:F0} us";
        output.WriteLine(line);
        Console.WriteLine(line);
        Assert.True(samples[count / 2] < 100_000, line);
    }

    [Fact]
    public async Task WebSocketSubscriptionsSeeMiniBlocksLogsAndHeads()
    {
        await using var chain = Start(blockMs: 100);
        ReceiptInfo deployed = await chain.ExecuteAsync(Call(0, null, Contracts.Deploy(Contracts.StoreRuntime()), nonce: 0));
        await using var server = new RpcServer(chain.Backend, new RpcServerOptions { Host = "127.0.0.1", Port = 0 });
        await server.StartAsync();
        using var socket = new System.Net.WebSockets.ClientWebSocket();
        await socket.ConnectAsync(server.WebSocketUri, CancellationToken.None);
        string logsId = (await RequestAsync(socket, "eth_subscribe", $"[\"logs\", {{\"address\": \"{deployed.ContractAddress}\"}}]")).GetProperty("result").GetString()!;
        string minisId = (await RequestAsync(socket, "eth_subscribe", "[\"miniBlocks\"]")).GetProperty("result").GetString()!;
        string headsId = (await RequestAsync(socket, "eth_subscribe", "[\"newHeads\"]")).GetProperty("result").GetString()!;

        var tx = Call(0, deployed.ContractAddress, Contracts.Word(11), nonce: 1);
        await chain.ExecuteAsync(tx);
        bool sawLog = false, sawMini = false, sawHead = false;
        while (!(sawLog && sawMini && sawHead))
        {
            JsonElement note = await ReceiveAsync(socket);
            JsonElement p = note.GetProperty("params");
            string sub = p.GetProperty("subscription").GetString()!;
            JsonElement result = p.GetProperty("result");
            if (sub == logsId)
            {
                Assert.Equal(tx.Hash.ToString(), result.GetProperty("transactionHash").GetString());
                sawLog = true;
            }
            else if (sub == minisId) sawMini |= result.ToString().Contains(tx.Hash.ToString(), StringComparison.OrdinalIgnoreCase);
            else if (sub == headsId) sawHead |= sawLog;
        }
    }

    private static async Task<JsonElement> RequestAsync(System.Net.WebSockets.ClientWebSocket socket, string method, string paramsJson)
    {
        await socket.SendAsync(Encoding.UTF8.GetBytes($"{{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"{method}\",\"params\":{paramsJson}}}"),
            System.Net.WebSockets.WebSocketMessageType.Text, true, CancellationToken.None);
        while (true)
        {
            // A notification of an earlier subscription may arrive before the answer.
            JsonElement message = await ReceiveAsync(socket);
            if (message.TryGetProperty("id", out _)) return message;
        }
    }

    private static async Task<JsonElement> ReceiveAsync(System.Net.WebSockets.ClientWebSocket socket)
    {
        using var cts = new CancellationTokenSource(10_000);
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var r = await socket.ReceiveAsync(buffer, cts.Token);
            message.Write(buffer, 0, r.Count);
            if (r.EndOfMessage) break;
        }
        return JsonDocument.Parse(message.ToArray()).RootElement.Clone();
    }
}
