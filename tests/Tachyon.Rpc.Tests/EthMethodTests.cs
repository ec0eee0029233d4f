using System.Text.Json;
using Tachyon.Core.Numerics;
using Tachyon.Core.Transactions;
using Tachyon.Core.Types;

namespace Tachyon.Rpc.Tests;

/// <summary>eth_* methods and their JSON shapes over HTTP.</summary>
public sealed class EthMethodTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer S => fixture.Server;
    private static string Dev => FakeBackend.DevAddress.ToString();

    [Fact]
    public async Task SimpleMethods()
    {
        Assert.Equal("0x1", (await S.ResultAsync("eth_blockNumber")).GetString());
        Assert.False((await S.ResultAsync("eth_syncing")).GetBoolean());
        Assert.StartsWith("Tachyon/", (await S.ResultAsync("web3_clientVersion")).GetString());
        Assert.Equal("0x47173285a8d7341e5e972fc677286384f802f8ef42a5ec5f03bbfa254cb01fad",
            (await S.ResultAsync("web3_sha3", "[\"0x68656c6c6f20776f726c64\"]")).GetString());
        Assert.Equal("0x77359400", (await S.ResultAsync("eth_gasPrice")).GetString());
        Assert.Equal("0x3b9aca00", (await S.ResultAsync("eth_maxPriorityFeePerGas")).GetString());
        Assert.Equal(Dev, (await S.ResultAsync("eth_accounts"))[0].GetString());
    }

    [Fact]
    public async Task State_Queries()
    {
        Assert.Equal("0x3635c9adc5dea00000", (await S.ResultAsync("eth_getBalance", $"[\"{Dev}\",\"latest\"]")).GetString());
        Assert.Equal("0x3635c9adc5dea00000", (await S.ResultAsync("eth_getBalance", $"[\"{Dev}\"]")).GetString()); // block defaults to latest
        Assert.Equal("0x1", (await S.ResultAsync("eth_getTransactionCount", $"[\"{Dev}\",\"pending\"]")).GetString());
        Assert.Equal("0x6000", (await S.ResultAsync("eth_getCode", $"[\"{FakeBackend.Token}\",\"0x1\"]")).GetString());
        Assert.Equal("0x0000000000000000000000000000000000000000000000000000000000000005",
            (await S.ResultAsync("eth_getStorageAt", $"[\"{FakeBackend.Token}\",\"0x05\",\"latest\"]")).GetString());
        string genesisHash = (await S.ResultAsync("eth_getBlockByNumber", "[\"0x0\",false]")).GetProperty("hash").GetString()!;
        Assert.Equal("0x0", (await S.ResultAsync("eth_getBalance", $"[\"{FakeBackend.Token}\",{{\"blockHash\":\"{genesisHash}\"}}]")).GetString());
        var (code, message, _) = await S.ErrorAsync("eth_getBalance", $"[\"{Dev}\",\"0x99\"]");
        Assert.Equal(-32000, code);
        Assert.Equal("header not found", message);
    }

    [Theory]
    [InlineData("eth_getBalance", "[\"0x123\",\"latest\"]", "argument 0 (address)")]
    [InlineData("eth_getBalance", "[]", "missing value for required argument 0")]
    [InlineData("eth_getBalance", "[\"0x1000000000000000000000000000000000000001\",\"newest\"]", "argument 1 (block)")]
    [InlineData("eth_getBlockByNumber", "[\"0x01\",false]", "leading zero")]
    [InlineData("eth_getBlockByNumber", "[\"1\",false]", "without 0x prefix")]
    [InlineData("eth_getBlockByNumber", "[\"0x1\",false,3]", "too many arguments")]
    [InlineData("eth_getBlockByNumber", "[\"0x1\",\"yes\"]", "expected a boolean")]
    [InlineData("eth_getTransactionByHash", "[\"0x1234\"]", "want 64")]
    [InlineData("eth_call", "[{\"to\":\"0x1000000000000000000000000000000000000001\",\"value\":\"0x0001\"}]", "argument 0 (transaction).value")]
    [InlineData("eth_call", "[{\"input\":\"0x1\"}]", "odd length")]
    [InlineData("eth_sendRawTransaction", "[\"zz\"]", "argument 0 (transaction)")]
    [InlineData("eth_getLogs", "[{\"topics\":[null,null,null,null,null]}]", "too many topics")]
    [InlineData("eth_getLogs", "[{\"blockHash\":\"0x0000000000000000000000000000000000000000000000000000000000000000\",\"fromBlock\":\"0x1\"}]", "cannot specify both")]
    [InlineData("eth_feeHistory", "[\"0x2\",\"latest\",[50,10]]", "increasing order")]
    public async Task BadParams_AreInvalidParams_NamingTheArgument(string method, string parameters, string expected)
    {
        var (code, message, _) = await S.ErrorAsync(method, parameters);
        Assert.Equal(-32602, code);
        Assert.Contains(expected, message);
    }

    [Fact]
    public async Task Block_WithFullTransactions_HasExpectedShape()
    {
        JsonElement block = await S.ResultAsync("eth_getBlockByNumber", "[\"latest\",true]");
        Assert.Equal(S.Backend.Head.Hash.ToString(), block.GetProperty("hash").GetString());
        Assert.Equal("0x1", block.GetProperty("number").GetString());
        Assert.Equal("0x0000000000000000", block.GetProperty("nonce").GetString());
        Assert.Equal("0x3b9aca00", block.GetProperty("baseFeePerGas").GetString());
        Assert.Equal(514, block.GetProperty("logsBloom").GetString()!.Length);
        Assert.Equal(0, block.GetProperty("uncles").GetArrayLength());
        JsonElement tx = block.GetProperty("transactions")[0];
        Transaction mined = S.Backend.MinedTransaction;
        Assert.Equal(mined.Hash.ToString(), tx.GetProperty("hash").GetString());
        Assert.Equal(FakeBackend.DevAddress.ToString(), tx.GetProperty("from").GetString());
        Assert.Equal("0x2", tx.GetProperty("type").GetString());
        Assert.Equal("0x7a69", tx.GetProperty("chainId").GetString());
        Assert.Equal("0x77359400", tx.GetProperty("gasPrice").GetString()); // min(3 gwei, 1 + 1 gwei)
        Assert.Equal("0xb2d05e00", tx.GetProperty("maxFeePerGas").GetString());
        Assert.Equal("0xa9059cbb", tx.GetProperty("input").GetString());
        Assert.Equal("0x0", tx.GetProperty("transactionIndex").GetString());
        Assert.Equal(tx.GetProperty("v").GetString(), tx.GetProperty("yParity").GetString());
        Assert.Equal(1, tx.GetProperty("accessList").GetArrayLength());
        Assert.Equal(1, tx.GetProperty("accessList")[0].GetProperty("storageKeys").GetArrayLength());

        JsonElement light = await S.ResultAsync("eth_getBlockByHash", $"[\"{S.Backend.Head.Hash}\",false]");
        Assert.Equal(mined.Hash.ToString(), light.GetProperty("transactions")[0].GetString());
        Assert.Equal("0x1", (await S.ResultAsync("eth_getBlockTransactionCountByNumber", "[\"0x1\"]")).GetString());
        Assert.Equal(JsonValueKind.Null, (await S.ResultAsync("eth_getBlockByNumber", "[\"0x50\",false]")).ValueKind);
    }

    [Fact]
    public async Task Transaction_And_Receipt()
    {
        Transaction mined = S.Backend.MinedTransaction;
        JsonElement tx = await S.ResultAsync("eth_getTransactionByHash", $"[\"{mined.Hash}\"]");
        Assert.Equal("0x1", tx.GetProperty("blockNumber").GetString());
        JsonElement receipt = await S.ResultAsync("eth_getTransactionReceipt", $"[\"{mined.Hash}\"]");
        Assert.Equal("0x1", receipt.GetProperty("status").GetString());
        Assert.Equal("0x2", receipt.GetProperty("type").GetString());
        Assert.Equal("0x7530", receipt.GetProperty("gasUsed").GetString());
        Assert.Equal(JsonValueKind.Null, receipt.GetProperty("contractAddress").ValueKind);
        Assert.Equal("0x77359400", receipt.GetProperty("effectiveGasPrice").GetString());
        JsonElement log = receipt.GetProperty("logs")[0];
        Assert.Equal("0x0", log.GetProperty("logIndex").GetString());
        Assert.Equal(S.Backend.Head.Hash.ToString(), log.GetProperty("blockHash").GetString());
        Assert.False(log.GetProperty("removed").GetBoolean());
        Assert.Equal("0x0102", log.GetProperty("data").GetString());
        Assert.Equal(1, (await S.ResultAsync("eth_getBlockReceipts", "[\"latest\"]")).GetArrayLength());
        Assert.Equal(JsonValueKind.Null, (await S.ResultAsync("eth_getTransactionReceipt", $"[\"{Hash256.EmptyKeccak}\"]")).ValueKind);
    }

    [Fact]
    public async Task Call_ReturnsData_And_RevertHasCode3WithReason()
    {
        Assert.Equal("0xdeadbeef", (await S.ResultAsync("eth_call", $"[{{\"to\":\"{FakeBackend.Token}\",\"data\":\"0xdeadbeef\"}},\"latest\"]")).GetString());
        var (code, message, error) = await S.ErrorAsync("eth_call", $"[{{\"to\":\"{FakeBackend.Reverter}\"}},\"latest\"]");
        Assert.Equal(3, code);
        Assert.Equal("execution reverted: boom", message);
        Assert.Equal(Hex.ToHex(FakeBackend.ErrorString("boom")), error.GetProperty("data").GetString());
        var (estimateCode, _, _) = await S.ErrorAsync("eth_estimateGas", $"[{{\"to\":\"{FakeBackend.Reverter}\"}}]");
        Assert.Equal(3, estimateCode);
        Assert.Equal("0x5208", (await S.ResultAsync("eth_estimateGas", $"[{{\"to\":\"{FakeBackend.Token}\"}}]")).GetString());
    }

    [Fact]
    public async Task Call_WithStateOverride()
    {
        string p = $"[{{\"to\":\"{FakeBackend.Token}\"}},\"latest\",{{\"{FakeBackend.Token}\":{{\"code\":\"0x6001\",\"balance\":\"0x10\"}}}}]";
        Assert.Equal("0x6001", (await S.ResultAsync("eth_call", p)).GetString());
        var (code, message, _) = await S.ErrorAsync("eth_call", $"[{{\"to\":\"{FakeBackend.Token}\"}},\"latest\",{{\"{FakeBackend.Token}\":{{\"bogus\":1}}}}]");
        Assert.Equal(-32602, code);
        Assert.Contains("argument 2 (stateOverrides)", message);
    }

    [Fact]
    public async Task FeeHistory_Shape()
    {
        JsonElement h = await S.ResultAsync("eth_feeHistory", "[\"0x2\",\"latest\",[25,75]]");
        Assert.Equal("0x0", h.GetProperty("oldestBlock").GetString());
        Assert.Equal(3, h.GetProperty("baseFeePerGas").GetArrayLength());
        Assert.Equal(2, h.GetProperty("gasUsedRatio").GetArrayLength());
        Assert.Equal(0.5, h.GetProperty("gasUsedRatio")[0].GetDouble());
        Assert.Equal(2, h.GetProperty("reward")[0].GetArrayLength());
        Assert.Equal("0x0", (await S.ResultAsync("eth_feeHistory", "[4,\"latest\"]")).GetProperty("oldestBlock").GetString());
    }

    [Fact]
    public async Task GetProof_Shape()
    {
        JsonElement p = await S.ResultAsync("eth_getProof", $"[\"{Dev}\",[\"0x01\"],\"latest\"]");
        Assert.Equal(Dev, p.GetProperty("address").GetString());
        Assert.Equal("0xc0", p.GetProperty("accountProof")[0].GetString());
        Assert.Equal("0x7", p.GetProperty("balance").GetString());
        Assert.Equal("0x0000000000000000000000000000000000000000000000000000000000000001", p.GetProperty("storageProof")[0].GetProperty("key").GetString());
        Assert.Equal("0x1", p.GetProperty("storageProof")[0].GetProperty("value").GetString());
    }

    [Fact]
    public async Task GetLogs_FiltersByAddressAndTopics()
    {
        string topic = FakeBackend.TransferTopic.ToString();
        Assert.Equal(1, (await S.ResultAsync("eth_getLogs", $"[{{\"fromBlock\":\"0x0\",\"address\":\"{FakeBackend.Token}\",\"topics\":[\"{topic}\"]}}]")).GetArrayLength());
        Assert.Equal(1, (await S.ResultAsync("eth_getLogs", $"[{{\"fromBlock\":\"earliest\",\"topics\":[[\"{Hash256.EmptyKeccak}\",\"{topic}\"],null]}}]")).GetArrayLength());
        Assert.Equal(0, (await S.ResultAsync("eth_getLogs", $"[{{\"fromBlock\":\"0x0\",\"topics\":[null,\"{Hash256.EmptyKeccak}\"]}}]")).GetArrayLength());
        Assert.Equal(0, (await S.ResultAsync("eth_getLogs", $"[{{\"fromBlock\":\"0x0\",\"address\":[\"{FakeBackend.Reverter}\"]}}]")).GetArrayLength());
        Assert.Equal(1, (await S.ResultAsync("eth_getLogs", $"[{{\"blockHash\":\"{S.Backend.Head.Hash}\"}}]")).GetArrayLength());
        var (code, _, _) = await S.ErrorAsync("eth_getLogs", "[{\"fromBlock\":\"0x1\",\"toBlock\":\"0x0\"}]");
        Assert.Equal(-32602, code);
    }

    [Fact]
    public async Task GetLogs_RangeLimit()
    {
        await using TestServer s = await TestServer.StartAsync(new Server.RpcServerOptions { MaxLogBlockRange = 1 });
        var (code, message, _) = await s.ErrorAsync("eth_getLogs", "[{\"fromBlock\":\"0x0\",\"toBlock\":\"latest\"}]");
        Assert.Equal(-32005, code);
        Assert.Contains("max block range 1", message);
    }

    [Fact]
    public async Task Subscribe_OverHttp_IsNotSupported()
    {
        var (code, message, _) = await S.ErrorAsync("eth_subscribe", "[\"newHeads\"]");
        Assert.Equal(-32004, code);
        Assert.Contains("WebSocket", message);
    }
}
