using System.Text.Json;
using Xunit.Abstractions;

namespace Tachyon.Node.Tests;

/// <summary>SIGTERM after some transactions, then `tachyon --dev` again on the same data directory.</summary>
public sealed class RestartTests(ITestOutputHelper output)
{
    private const string Account0 = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
    private const string Account1 = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

    private static async Task<ulong> BlockOfAsync(RpcClient rpc, string hash) =>
        Convert.ToUInt64((await rpc.CallAsync("eth_getTransactionReceipt", hash)).GetProperty("blockNumber").GetString(), 16);

    [Fact]
    public async Task SigtermThenRestartKeepsHeadBalancesAndReceipts()
    {
        using var dir = new ScratchDir();
        var hashes = new List<string>();
        ulong head, lastTxBlock, openBlock;
        string headHash, balance0, balance1, nonce0;
        await using (NodeProcess node = await NodeProcess.StartAsync(output, dir.Path))
        {
            using var rpc = new RpcClient(node.HttpUri);
            for (int i = 0; i < 5; i++)
                hashes.Add(await rpc.StringAsync("eth_sendTransaction", new { from = Account0, to = Account1, value = "0x" + (1000 + i).ToString("x") }));
            lastTxBlock = await BlockOfAsync(rpc, hashes[^1]);
            // Wait for the block holding them to be sealed, so the head is stable apart from empty blocks.
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (await rpc.NumberAsync("eth_blockNumber") < lastTxBlock)
            {
                Assert.True(DateTime.UtcNow < deadline, $"block {lastTxBlock} not sealed in 20 s");
                await Task.Delay(50);
            }
            // Some more in the open block: StopAsync must seal them on SIGTERM.
            for (int i = 0; i < 3; i++)
                hashes.Add(await rpc.StringAsync("eth_sendTransaction", new { from = Account1, to = Account0, value = "0x" + (7 + i).ToString("x") }));
            openBlock = await BlockOfAsync(rpc, hashes[^1]);
            balance0 = await rpc.StringAsync("eth_getBalance", Account0, "latest");
            balance1 = await rpc.StringAsync("eth_getBalance", Account1, "latest");
            nonce0 = await rpc.StringAsync("eth_getTransactionCount", Account0, "latest");
            head = await rpc.NumberAsync("eth_blockNumber");
            headHash = (await rpc.CallAsync("eth_getBlockByNumber", "0x" + head.ToString("x"), false)).GetProperty("hash").GetString()!;
            await node.StopAsync();
        }
        output.WriteLine($"before SIGTERM: head {head} {headHash}, #0 {balance0} nonce {nonce0}, #1 {balance1}");

        await using (NodeProcess node = await NodeProcess.StartAsync(output, dir.Path))
        {
            using var rpc = new RpcClient(node.HttpUri);
            ulong after = await rpc.NumberAsync("eth_blockNumber");
            Assert.True(after >= head && after >= openBlock,
                $"head after restart {after}, before {head}; the block with the last 3 transactions ({openBlock}) must have been sealed");
            Assert.Equal(headHash, (await rpc.CallAsync("eth_getBlockByNumber", "0x" + head.ToString("x"), false)).GetProperty("hash").GetString());
            Assert.Equal(balance0, await rpc.StringAsync("eth_getBalance", Account0, "latest"));
            Assert.Equal(balance1, await rpc.StringAsync("eth_getBalance", Account1, "latest"));
            Assert.Equal(nonce0, await rpc.StringAsync("eth_getTransactionCount", Account0, "latest"));
            foreach (string hash in hashes)
            {
                JsonElement receipt = await rpc.CallAsync("eth_getTransactionReceipt", hash);
                Assert.Equal("0x1", receipt.GetProperty("status").GetString());
                string blockHash = receipt.GetProperty("blockHash").GetString()!;
                Assert.NotEqual("0x" + new string('0', 64), blockHash);
                JsonElement block = await rpc.CallAsync("eth_getBlockByHash", blockHash, false);
                Assert.Contains(block.GetProperty("transactions").EnumerateArray(), t => t.GetString() == hash);
            }
            // The chain goes on from the persisted nonce.
            string next = await rpc.StringAsync("eth_sendTransaction", new { from = Account0, to = Account1, value = "0x1" });
            JsonElement nextReceipt = await rpc.CallAsync("eth_getTransactionReceipt", next);
            Assert.Equal("0x1", nextReceipt.GetProperty("status").GetString());
            Assert.Equal(nonce0, (await rpc.CallAsync("eth_getTransactionByHash", next)).GetProperty("nonce").GetString());
            output.WriteLine($"after restart: head {after}, balances and {hashes.Count} receipts unchanged; a new transfer runs with nonce {nonce0}");
            await node.StopAsync();
        }
    }
}
