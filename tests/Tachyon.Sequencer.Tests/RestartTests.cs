using Tachyon.Core.Numerics;
using Tachyon.Core.Types;
using Tachyon.Rpc.Backend;
using static Tachyon.Sequencer.Tests.TestChain;

namespace Tachyon.Sequencer.Tests;

public sealed class RestartTests
{
    private static readonly Address Bob = Address.Parse("0x00000000000000000000000000000000000000b0");

    [Fact]
    public async Task RestartContinuesFromThePersistedHead()
    {
        await using var chain = Start();
        var tx = Transfer(0, Bob, 99, nonce: 0);
        await chain.ExecuteAsync(tx);
        await chain.RestartAsync(); // stop seals the open block
        Assert.Equal(1UL, chain.Backend.HeadNumber);
        var header = chain.Backend.GetHeader(BlockSelector.Latest)!;
        ReceiptInfo receipt = chain.Backend.GetReceipt(tx.Hash)!;
        Assert.Equal(header.Hash, receipt.BlockHash);
        Assert.Equal((UInt256)99, chain.Backend.GetBalance(Bob, BlockSelector.Latest));
        Assert.Equal(1UL, chain.Backend.GetNonce(Accounts[0], BlockSelector.Latest));
        Assert.Equal(tx.Hash, chain.Backend.GetBlock(BlockSelector.ByHash(header.Hash))!.Transactions[0].Transaction.Hash);

        // It keeps going: the next block links to the restored head.
        await chain.ExecuteAsync(Transfer(0, Bob, 1, nonce: 1));
        await chain.RestartAsync();
        Assert.Equal(2UL, chain.Backend.HeadNumber);
        Assert.Equal(header.Hash, chain.Backend.GetHeader(BlockSelector.Latest)!.ParentHash);
        Assert.Equal((UInt256)100, chain.Backend.GetBalance(Bob, BlockSelector.Latest));
        Assert.Equal(header.Hash, chain.Backend.GetHeader(BlockSelector.ByNumber(1))!.Hash);
    }

    [Fact]
    public async Task Blocks_are_stored_with_their_senders_and_read_back_with_them()
    {
        string dir = Path.Combine(Path.GetTempPath(), "tachyon-seq-" + Guid.NewGuid().ToString("N"));
        try
        {
            Tachyon.Core.Transactions.Transaction a = Transfer(0, Bob, 1, nonce: 0), b = Transfer(2, Bob, 2, nonce: 0);
            await using (var chain = Start(dir: dir))
            {
                await chain.ExecuteAsync(a);
                await chain.ExecuteAsync(b);
            } // stopping seals the block and persists it
            using (var state = Tachyon.State.LayeredState.Open(dir))
                Assert.Equal([.. Accounts[0].Bytes, .. Accounts[2].Bytes], state.GetSenders(1) ?? []);
            await using (var chain = Start(dir: dir))
            {
                Assert.Equal(Accounts[0], chain.Backend.GetReceipt(a.Hash)!.From);
                Assert.Equal(Accounts[2], chain.Backend.GetReceipt(b.Hash)!.From);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task AnotherGenesisOnTheSameDirectoryIsRefused()
    {
        string dir;
        await using (var chain = Start())
        {
            dir = chain.Dir;
            await chain.Node.StopAsync(CancellationToken.None);
            var e = Assert.Throws<InvalidOperationException>(() =>
                SequencerNode.Open(chain.Options with { Genesis = DevGenesis(timestamp: 5) }, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance));
            Assert.Contains("genesis", e.Message);
            // Same genesis header, other chain id: refused too.
            var id = Assert.Throws<InvalidOperationException>(() =>
                SequencerNode.Open(chain.Options with { Genesis = DevGenesis(chainId: 7) }, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance));
            Assert.Contains("chain id 31337", id.Message);
            // The same genesis still opens.
            await using var again = SequencerNode.Open(chain.Options, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
            Assert.Equal(0UL, again.HeadNumber);
        }
    }

    [Fact]
    public async Task SubmissionsBeforeStartOrAfterStopAreRefused()
    {
        await using var chain = Start(start: false);
        SubmitResult early = await chain.SubmitAsync(Transfer(0, Bob, 1, nonce: 0));
        Assert.Equal(TxRejection.Other, early.Rejection);
        Assert.Contains("not started", early.Detail);
        chain.Node.Start();
        await chain.ExecuteAsync(Transfer(0, Bob, 1, nonce: 0));
        await chain.Node.StopAsync(CancellationToken.None);
        SubmitResult late = await chain.SubmitAsync(Transfer(0, Bob, 1, nonce: 1));
        Assert.Contains("shutting down", late.Detail);
    }
}
