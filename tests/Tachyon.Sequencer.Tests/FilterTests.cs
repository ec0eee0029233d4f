using System.Text.Json;
using Tachyon.Rpc.Backend;
using Tachyon.Rpc.Server;
using static Tachyon.Sequencer.Tests.TestChain;

namespace Tachyon.Sequencer.Tests;

/// <summary>Polling filters (eth_newFilter & co.) over HTTP against the real sequencer.</summary>
public sealed class FilterTests
{
    private static Task<JsonElement> PostAsync(HttpClient http, string method, string paramsJson) =>
        RpcEndToEndTests.PostAsync(http, method, paramsJson);

    private static async Task<JsonElement> ResultAsync(HttpClient http, string method, string paramsJson)
    {
        JsonElement r = await PostAsync(http, method, paramsJson);
        Assert.False(r.TryGetProperty("error", out JsonElement e), $"{method}: {e}");
        return r.GetProperty("result");
    }

    [Fact]
    public async Task LogBlockAndPendingFiltersReportEachChangeOnce()
    {
        await using var chain = Start(blockMs: 100);
        ReceiptInfo deployed = await chain.ExecuteAsync(Call(0, null, Contracts.Deploy(Contracts.StoreRuntime()), nonce: 0));
        await using var server = new RpcServer(chain.Backend, new RpcServerOptions { Host = "127.0.0.1", Port = 0 });
        await server.StartAsync();
        using var http = new HttpClient { BaseAddress = server.HttpUri, Timeout = TimeSpan.FromSeconds(10) };

        string logs = (await ResultAsync(http, "eth_newFilter", $"[{{\"address\":\"{deployed.ContractAddress}\",\"topics\":[\"{Contracts.StoredTopic}\"]}}]")).GetString()!;
        string other = (await ResultAsync(http, "eth_newFilter", "[{\"address\":\"0x00000000000000000000000000000000000000ff\"}]")).GetString()!;
        string blocks = (await ResultAsync(http, "eth_newBlockFilter", "[]")).GetString()!;
        string pending = (await ResultAsync(http, "eth_newPendingTransactionFilter", "[]")).GetString()!;
        Assert.Matches("^0x[0-9a-f]{32}$", logs);

        var tx = Call(0, deployed.ContractAddress, Contracts.Word(11), nonce: 1);
        ReceiptInfo receipt = await chain.ExecuteAsync(tx);
        await chain.WaitForHeadAsync(receipt.BlockNumber);

        JsonElement changes = await ResultAsync(http, "eth_getFilterChanges", $"[\"{logs}\"]");
        Assert.Equal(1, changes.GetArrayLength());
        Assert.Equal(tx.Hash.ToString(), changes[0].GetProperty("transactionHash").GetString());
        Assert.NotEqual("0x" + new string('0', 64), changes[0].GetProperty("blockHash").GetString()); // sealed
        Assert.Equal(0, (await ResultAsync(http, "eth_getFilterChanges", $"[\"{logs}\"]")).GetArrayLength());
        Assert.Equal(0, (await ResultAsync(http, "eth_getFilterChanges", $"[\"{other}\"]")).GetArrayLength());

        JsonElement newBlocks = await ResultAsync(http, "eth_getFilterChanges", $"[\"{blocks}\"]");
        Assert.True(newBlocks.GetArrayLength() >= 1);
        bool sawTxBlock = false;
        foreach (JsonElement h in newBlocks.EnumerateArray())
        {
            JsonElement block = await ResultAsync(http, "eth_getBlockByHash", $"[\"{h.GetString()}\", false]");
            sawTxBlock |= block.GetProperty("number").GetString() == $"0x{receipt.BlockNumber:x}";
        }
        Assert.True(sawTxBlock);

        JsonElement hashes = await ResultAsync(http, "eth_getFilterChanges", $"[\"{pending}\"]");
        Assert.Contains(hashes.EnumerateArray(), h => h.GetString() == tx.Hash.ToString());
        Assert.Equal(0, (await ResultAsync(http, "eth_getFilterChanges", $"[\"{pending}\"]")).GetArrayLength());

        string fromGenesis = (await ResultAsync(http, "eth_newFilter", $"[{{\"fromBlock\":\"0x0\",\"address\":\"{deployed.ContractAddress}\"}}]")).GetString()!;
        JsonElement all = await ResultAsync(http, "eth_getFilterLogs", $"[\"{fromGenesis}\"]");
        Assert.Contains(all.EnumerateArray(), l => l.GetProperty("transactionHash").GetString() == tx.Hash.ToString());

        Assert.True((await ResultAsync(http, "eth_uninstallFilter", $"[\"{logs}\"]")).GetBoolean());
        Assert.False((await ResultAsync(http, "eth_uninstallFilter", $"[\"{logs}\"]")).GetBoolean());
        JsonElement gone = await PostAsync(http, "eth_getFilterChanges", $"[\"{logs}\"]");
        Assert.Equal("filter not found", gone.GetProperty("error").GetProperty("message").GetString());
        JsonElement wrongKind = await PostAsync(http, "eth_getFilterLogs", $"[\"{blocks}\"]");
        Assert.Equal(-32602, wrongKind.GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task UnpolledFiltersExpire()
    {
        DateTime now = DateTime.UtcNow;
        await using var chain = Start(start: false);
        using var store = new Tachyon.Rpc.Filters.FilterStore(chain.Backend, () => now);
        string id = store.NewBlockFilter();
        Assert.True(store.TryGet(id, out _));
        now += Tachyon.Rpc.Filters.FilterStore.Timeout - TimeSpan.FromSeconds(1);
        Assert.True(store.TryGet(id, out _));  // polled: the clock restarts
        now += Tachyon.Rpc.Filters.FilterStore.Timeout + TimeSpan.FromSeconds(1);
        Assert.False(store.TryGet(id, out _));
        Assert.Equal(0, store.Count);
    }
}
