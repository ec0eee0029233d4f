using System.Text.Json;
using Tachyon.Core.Numerics;
using Tachyon.Core.Transactions;
using Tachyon.Core.Types;

namespace Tachyon.Rpc.Tests;

/// <summary>Transaction submission: raw, sync (EIP-7966), dev-signed; and the geth-style rejections.</summary>
public sealed class SendTests
{
    private static string Raw(Transaction tx) => Hex.ToHex(TransactionEncoder.Encode(tx));

    private static Transaction Transfer(ulong nonce, ulong? chainId = FakeBackend.Chain) => TransactionSigner.Sign(new Transaction
    {
        Type = chainId is null ? TransactionType.Legacy : TransactionType.DynamicFee,
        ChainId = chainId,
        Nonce = nonce,
        GasLimit = 21_000,
        GasPrice = chainId is null ? 2_000_000_000 : UInt256.Zero,
        MaxFeePerGas = 2_000_000_000,
        MaxPriorityFeePerGas = 1_000_000_000,
        To = FakeBackend.Token,
        Value = 1,
    }, FakeBackend.DevKey);

    [Fact]
    public async Task SendRaw_ReturnsHash_AndBackendGetsSender()
    {
        await using TestServer s = await TestServer.StartAsync();
        Transaction tx = Transfer(1);
        Assert.Equal(tx.Hash.ToString(), (await s.ResultAsync("eth_sendRawTransaction", $"[\"{Raw(tx)}\"]")).GetString());
        Assert.Equal(FakeBackend.DevAddress, s.Backend.Submitted.Single().Sender);

        var (code, message, _) = await s.ErrorAsync("eth_sendRawTransaction", $"[\"{Raw(tx)}\"]");
        Assert.Equal(-32000, code);
        Assert.Equal("already known", message);
    }

    [Fact]
    public async Task SendRaw_Rejections_UseGethMessages()
    {
        await using TestServer s = await TestServer.StartAsync();
        var (code, message, _) = await s.ErrorAsync("eth_sendRawTransaction", $"[\"{Raw(Transfer(0))}\"]");
        Assert.Equal(-32000, code);
        Assert.Equal("nonce too low: next nonce 1, tx nonce 0", message);

        (_, message, _) = await s.ErrorAsync("eth_sendRawTransaction", $"[\"{Raw(Transfer(1, chainId: 5))}\"]");
        Assert.StartsWith("invalid chain id for signer", message);

        Transaction badSig = Transfer(1) with { S = UInt256.Zero };
        (_, message, _) = await s.ErrorAsync("eth_sendRawTransaction", $"[\"{Raw(badSig)}\"]");
        Assert.Equal("invalid sender", message);

        (code, message, _) = await s.ErrorAsync("eth_sendRawTransaction", "[\"0x02c0\"]");
        Assert.Equal(-32000, code);
        Assert.StartsWith("invalid transaction", message);

        // An unprotected legacy transaction is accepted by default (deterministic deployers need it).
        Transaction legacy = Transfer(1, chainId: null);
        Assert.Equal(legacy.Hash.ToString(), (await s.ResultAsync("eth_sendRawTransaction", $"[\"{Raw(legacy)}\"]")).GetString());
    }

    [Fact]
    public async Task SendRaw_Oversized()
    {
        await using TestServer s = await TestServer.StartAsync(new Server.RpcServerOptions { MaxTransactionBytes = 64 });
        Transaction big = TransactionSigner.Sign(new Transaction
        {
            Type = TransactionType.DynamicFee, ChainId = FakeBackend.Chain, Nonce = 1, GasLimit = 100_000,
            MaxFeePerGas = 2, MaxPriorityFeePerGas = 1, To = FakeBackend.Token, Data = new byte[200],
        }, FakeBackend.DevKey);
        var (_, message, _) = await s.ErrorAsync("eth_sendRawTransaction", $"[\"{Raw(big)}\"]");
        Assert.StartsWith("oversized data", message);
    }

    [Theory]
    [InlineData("eth_sendRawTransactionSync")]
    [InlineData("realtime_sendRawTransaction")]
    public async Task SendSync_ReturnsReceiptInSameResponse(string method)
    {
        await using TestServer s = await TestServer.StartAsync();
        Transaction tx = Transfer(1);
        JsonElement receipt = await s.ResultAsync(method, $"[\"{Raw(tx)}\",\"0x7d0\"]");
        Assert.Equal(tx.Hash.ToString(), receipt.GetProperty("transactionHash").GetString());
        Assert.Equal("0x1", receipt.GetProperty("status").GetString());
        Assert.Equal(FakeBackend.DevAddress.ToString(), receipt.GetProperty("from").GetString());
    }

    [Fact]
    public async Task SendSync_Timeout_IsCode4_WithHash()
    {
        await using TestServer s = await TestServer.StartAsync();
        s.Backend.AutoMine = false;
        Transaction tx = Transfer(1);
        var (code, message, error) = await s.ErrorAsync("eth_sendRawTransactionSync", $"[\"{Raw(tx)}\",100]");
        Assert.Equal(4, code);
        Assert.Equal("The transaction was added to the mempool but wasn't processed in 100ms.", message);
        Assert.Equal(tx.Hash.ToString(), error.GetProperty("data").GetString());
    }

    [Fact]
    public async Task SendSync_NonceGap_IsCode5()
    {
        await using TestServer s = await TestServer.StartAsync();
        Transaction tx = Transfer(5);
        var (code, _, error) = await s.ErrorAsync("eth_sendRawTransactionSync", $"[\"{Raw(tx)}\"]");
        Assert.Equal(5, code);
        Assert.Equal(tx.Hash.ToString(), error.GetProperty("data").GetString());
    }

    [Fact]
    public async Task SendTransaction_SignsWithDevAccount()
    {
        await using TestServer s = await TestServer.StartAsync();
        string hash = (await s.ResultAsync("eth_sendTransaction",
            $"[{{\"from\":\"{FakeBackend.DevAddress}\",\"to\":\"{FakeBackend.Token}\",\"value\":\"0x1\"}}]")).GetString()!;
        var (tx, sender) = s.Backend.Submitted.Single();
        Assert.Equal(tx.Hash.ToString(), hash);
        Assert.Equal(FakeBackend.DevAddress, sender);
        Assert.Equal(1UL, tx.Nonce);
        Assert.Equal(21_000UL, tx.GasLimit);
        Assert.Equal(TransactionType.DynamicFee, tx.Type);
        Assert.Equal(FakeBackend.Chain, tx.ChainId);

        var (code, message, _) = await s.ErrorAsync("eth_sendTransaction", $"[{{\"from\":\"{FakeBackend.Token}\",\"to\":\"{FakeBackend.Token}\"}}]");
        Assert.Equal(-32000, code);
        Assert.Equal("unknown account", message);
    }
}
