using Tachyon.Core.Blocks;
using Tachyon.Core.Numerics;
using Tachyon.Core.Transactions;
using Tachyon.Core.Types;
using Tachyon.Sequencer.Chain;

namespace Tachyon.Sequencer.Tests;

/// <summary>The open block's own transaction-hash table: found while it grows, safe to read during appends.</summary>
public sealed class BlockDataTests
{
    private static ExecutedTransaction Tx(int i) =>
        new(new Transaction { Type = TransactionType.DynamicFee, ChainId = 1, Nonce = (ulong)i, GasLimit = 21_000, To = Address.Zero },
            Address.Zero, i, Receipt.Create(2, true, 21_000UL * (ulong)(i + 1), []), 21_000, UInt256.One, null, 0);

    private static BlockData Open() => new(1, 1, UInt256.One, 30_000_000, Address.Zero);

    private static ExecutedTransaction? Find(BlockData block, Hash256 hash) => block.TryFind(hash, out ExecutedTransaction? tx) ? tx : null;

    private static int IndexOf(BlockData block, Hash256 hash) => Find(block, hash)?.Index ?? -1;

    [Fact]
    public void Every_appended_transaction_is_found_at_its_index_across_table_growth()
    {
        BlockData block = Open();
        var txs = new ExecutedTransaction[5_000];
        for (int i = 0; i < txs.Length; i++)
        {
            txs[i] = Tx(i);
            block.Append(txs[i]);
            Assert.Equal(i, IndexOf(block, txs[i].Hash));
        }
        for (int i = 0; i < txs.Length; i++) Assert.Same(txs[i], Find(block, txs[i].Hash));
        Assert.Equal(-1, IndexOf(block, Tx(txs.Length).Hash));
        Assert.Equal(-1, IndexOf(block, Hash256.Zero));
    }

    [Fact]
    public void A_block_read_back_from_storage_is_indexed_too()
    {
        ExecutedTransaction[] txs = [Tx(0), Tx(1), Tx(2)];
        var stored = new BlockData(new BlockHeader { Number = 7, GasLimit = 30_000_000, GasUsed = 63_000, BaseFeePerGas = UInt256.One }, txs);
        for (int i = 0; i < txs.Length; i++) Assert.Equal(i, IndexOf(stored, txs[i].Hash));
        Assert.Equal(-1, IndexOf(stored, Tx(3).Hash));
    }

    [Fact]
    public async Task Readers_find_every_published_transaction_while_the_writer_appends()
    {
        const int count = 40_000;
        var txs = new ExecutedTransaction[count];
        for (int i = 0; i < count; i++) txs[i] = Tx(i);
        BlockData block = Open();
        using var stop = new CancellationTokenSource();
        long checks = 0;
        Task[] readers = new Task[2];
        using var started = new CountdownEvent(readers.Length);
        for (int r = 0; r < readers.Length; r++)
        {
            int seed = r;
            readers[r] = Task.Factory.StartNew(() =>
            {
                var rng = new Random(seed);
                started.Signal();
                while (!stop.IsCancellationRequested)
                {
                    int published = block.Count;
                    if (published == 0) continue;
                    int j = rng.Next(published); // published before this read: must be found, at its index
                    Assert.Equal(j, IndexOf(block, txs[j].Hash));
                    Interlocked.Increment(ref checks);
                }
            }, TaskCreationOptions.LongRunning);
        }
        started.Wait();
        for (int i = 0; i < count; i++)
        {
            block.Append(txs[i]);
            if (i % 256 == 0) Thread.Yield(); // let the readers interleave on a 2-core machine
        }
        await stop.CancelAsync();
        await Task.WhenAll(readers);
        Assert.True(Interlocked.Read(ref checks) > 1000);
    }

    [Fact]
    public void A_stored_block_takes_its_senders_from_storage_and_recovers_only_without_them()
    {
        Transaction[] signed = [TestChain.Transfer(0, TestChain.Accounts[1], 5, nonce: 0), TestChain.Transfer(2, TestChain.Accounts[1], 7, nonce: 0)];
        Receipt[] receipts = [Receipt.Create(2, true, 21_000, []), Receipt.Create(2, true, 42_000, [])];
        byte[] body = new BlockBody([.. signed.Select(t => (ReadOnlyMemory<byte>)TransactionEncoder.Encode(t))], [], []).Encode();
        byte[] header = new BlockHeader { Number = 9, GasLimit = 30_000_000, GasUsed = 42_000, BaseFeePerGas = UInt256.One }.Encode();
        byte[] encodedReceipts = BlockCodec.EncodeReceipts(receipts);
        Address[] expected = [TestChain.Accounts[0], TestChain.Accounts[2]];

        Address[] Senders(byte[]? stored)
        {
            BlockData b = BlockCodec.Load(header, body, encodedReceipts, stored);
            return [b[0].Sender, b[1].Sender];
        }

        Assert.Equal(expected, Senders(null)); // stored before senders were: recovered from the signatures
        byte[] stored = [.. expected[0].Bytes, .. expected[1].Bytes];
        Assert.Equal(expected, Senders(stored));
        // Taken as stored, not recovered: a (made-up) stored sender comes back as is.
        byte[] madeUp = [.. Enumerable.Repeat((byte)0x11, 20), .. expected[1].Bytes];
        Assert.Equal([new Address(madeUp.AsSpan(0, 20)), expected[1]], Senders(madeUp));
        Assert.Equal(expected, Senders(madeUp[..20])); // wrong length: ignored, recovered
    }

    [Fact]
    public void The_stored_block_cache_holds_at_most_its_transaction_budget_oldest_out_first()
    {
        static BlockData Block(ulong number, int txs)
        {
            var b = new BlockData(number, 1, UInt256.One, 30_000_000, Address.Zero);
            for (int i = 0; i < txs; i++) b.Append(Tx(i));
            return b;
        }
        var cache = new StoredBlockCache(maxTransactions: 10);
        cache.Add(Block(1, 4));
        cache.Add(Block(2, 4));
        Assert.True(cache.TryGet(1, out _) && cache.TryGet(2, out _));
        cache.Add(Block(3, 4)); // 12 > 10: block 1 goes
        Assert.False(cache.TryGet(1, out _));
        Assert.True(cache.TryGet(2, out _) && cache.TryGet(3, out BlockData? three) && three!.Number == 3);
        cache.Add(Block(4, 50)); // larger than the budget alone: kept, everything else goes
        Assert.Equal(1, cache.Count);
        Assert.True(cache.TryGet(4, out _));
    }

    [Fact]
    public void The_stored_receipt_list_from_consensus_encodings_equals_the_one_from_receipts()
    {
        var log = new Log(Address.Zero, [Hash256.Zero], new byte[] { 1, 2, 3 });
        Receipt[] receipts = [Receipt.Create(0, true, 21_000, []), Receipt.Create(2, false, 42_000, [log]), Receipt.Create(1, true, 63_000, []), Receipt.Create(4, true, 90_000, [log, log])];
        ReadOnlyMemory<byte>[] encodings = [.. receipts.Select(r => (ReadOnlyMemory<byte>)r.Encode())];
        Assert.Equal(BlockCodec.EncodeReceipts(receipts), BlockCodec.EncodeReceiptsFromEncodings(encodings));
        Assert.Equal(BlockCodec.EncodeReceipts([]), BlockCodec.EncodeReceiptsFromEncodings([]));
    }
}
