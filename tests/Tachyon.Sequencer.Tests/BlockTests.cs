using System.Collections.Concurrent;
using Tachyon.Core.Blocks;
using Tachyon.Core.Crypto;
using Tachyon.Core.Numerics;
using Tachyon.Core.Transactions;
using Tachyon.Core.Trie;
using Tachyon.Core.Types;
using Tachyon.Evm;
using Tachyon.Evm.Interpreter;
using Tachyon.Evm.Processing;
using Tachyon.Evm.State;
using Tachyon.Rpc.Backend;
using static Tachyon.Sequencer.Tests.TestChain;

namespace Tachyon.Sequencer.Tests;

public sealed class BlockTests
{
    private static readonly Address Bob = Address.Parse("0x00000000000000000000000000000000000000b0");

    private sealed class Recorder : IObserver<ChainEvent>
    {
        public ConcurrentQueue<ChainEvent> Events { get; } = new();
        public void OnCompleted() { }
        public void OnError(Exception error) { }
        public void OnNext(ChainEvent value) => Events.Enqueue(value);
    }

    [Fact]
    public async Task AcceptedTransactionsArePublishedAsPending()
    {
        await using var chain = Start();
        var recorder = new Recorder();
        using var sub = chain.Backend.Events.Subscribe(recorder);
        var executed = Transfer(0, Accounts[1], 1, nonce: 0);
        var held = Transfer(0, Accounts[1], 1, nonce: 2);
        await chain.ExecuteAsync(executed);
        Assert.True((await chain.SubmitAsync(held)).Queued);
        Assert.False((await chain.SubmitAsync(executed)).Accepted); // already known: no second event
        Assert.False((await chain.SubmitAsync(Transfer(0, Accounts[1], 1, nonce: 0, maxFee: Gwei * 20))).Accepted); // nonce too low

        Assert.Equal([executed.Hash, held.Hash], recorder.Events.OfType<PendingTransactionEvent>().Select(e => e.Hash).ToArray());
    }

    [Fact]
    public async Task MiniBlocksAndBlocksArePublished()
    {
        await using var chain = Start(blockMs: 100);
        var recorder = new Recorder();
        using var sub = chain.Backend.Events.Subscribe(recorder);
        ReceiptInfo deployed = await chain.ExecuteAsync(Call(0, null, Contracts.Deploy(Contracts.StoreRuntime()), nonce: 0));
        var tx = Call(0, deployed.ContractAddress, Contracts.Word(3), nonce: 1);
        await chain.ExecuteAsync(tx);
        ulong included = chain.Backend.GetReceipt(tx.Hash)!.BlockNumber;
        await chain.WaitForHeadAsync(included + 1);

        var minis = recorder.Events.OfType<MiniBlockEvent>().ToList();
        Assert.NotEmpty(minis);
        Assert.Contains(minis, m => m.Transactions.Any(t => t.Transaction.Hash == tx.Hash));
        Assert.All(minis, m => Assert.NotEmpty(m.Transactions)); // empty mini-blocks are not published
        Assert.Equal(minis.Select(m => m.Number), minis.Select(m => m.Number).Order());
        MiniBlockEvent withTx = minis.First(m => m.Transactions.Any(t => t.Transaction.Hash == tx.Hash));
        Assert.Equal(included, withTx.BlockNumber);

        LogInfo log = recorder.Events.OfType<LogsEvent>().SelectMany(e => e.Logs).Single(l => l.TransactionHash == tx.Hash);
        Assert.Equal(deployed.ContractAddress, log.Log.Address);
        var change = recorder.Events.OfType<StateChangesEvent>().SelectMany(e => e.Changes).Last(c => c.Address == deployed.ContractAddress);
        Assert.Equal(new Hash256(Contracts.Word(3)), change.Storage![Hash256.Zero]);

        var heads = recorder.Events.OfType<NewHeadEvent>().Select(e => e.Header).ToList();
        Assert.Contains(heads, h => h.Number == included);
        for (int i = 1; i < heads.Count; i++)
        {
            Assert.Equal(heads[i - 1].Number + 1, heads[i].Number);
            Assert.Equal(heads[i - 1].Hash, heads[i].ParentHash);
        }

        // After sealing, receipts and logs carry the real block hash.
        BlockHeader header = chain.Backend.GetHeader(BlockSelector.ByNumber(included))!;
        Assert.Equal(header.Hash, chain.Backend.GetReceipt(tx.Hash)!.BlockHash);
        Assert.Equal(header.Hash, chain.Backend.GetTransaction(tx.Hash)!.BlockHash);
        var logs = chain.Backend.GetLogs(new LogQuery(0, chain.Backend.HeadNumber, [], []) { BlockHash = header.Hash })!;
        Assert.Equal(header.Hash, Assert.Single(logs).BlockHash);
    }

    [Fact]
    public async Task SealedBlocksMatchAnIndependentReplay()
    {
        await using var chain = Start(blockMs: 40);
        ReceiptInfo deployed = await chain.ExecuteAsync(Call(0, null, Contracts.Deploy(Contracts.StoreRuntime()), nonce: 0));
        ulong nonce = 1;
        for (int round = 0; round < 6; round++)
        {
            await chain.ExecuteAsync(Transfer(1, Bob, (ulong)round + 1, nonce: (ulong)round));
            await chain.ExecuteAsync(Call(0, deployed.ContractAddress, Contracts.Word((ulong)round * 3), nonce: nonce++));
            await chain.ExecuteAsync(Transfer(2, Accounts[3], 5, nonce: (ulong)round, maxFee: Gwei * 3, tip: 0));
            await Task.Delay(15);
        }
        ulong last = chain.Backend.ResolveBlockNumber(BlockSelector.Pending)!.Value;
        await chain.WaitForHeadAsync(last);

        Assert.Equal(19, ReplayAndCompare(chain, last));
    }

    [Fact]
    public async Task ProofsVerifyAgainstTheSealedStateRoot()
    {
        await using var chain = Start(blockMs: 30);
        ReceiptInfo deployed = await chain.ExecuteAsync(Call(0, null, Contracts.Deploy(Contracts.StoreRuntime()), nonce: 0));
        Address contract = deployed.ContractAddress!.Value;
        await chain.ExecuteAsync(Call(0, contract, Contracts.Word(77), nonce: 1));
        await chain.WaitForHeadAsync(chain.Backend.GetReceipt(deployed.TransactionHash)!.BlockNumber + 1);
        await chain.WaitForHeadAsync(chain.Backend.ResolveBlockNumber(BlockSelector.Pending)!.Value);

        BlockHeader head = chain.Backend.GetHeader(BlockSelector.Latest)!;
        AccountProof proof = chain.Backend.GetProof(contract, [0, 1], BlockSelector.ByNumber(head.Number))!;
        Assert.True(ProofVerifier.TryVerify(head.StateRoot, Keccak256.Compute(contract.Bytes).Bytes, proof.Proof, out byte[]? leaf));
        Assert.Equal(new TrieAccount(proof.Nonce, proof.Balance, proof.StorageHash, proof.CodeHash).Encode(), leaf);
        Assert.Equal(Keccak256.Compute(Contracts.StoreRuntime()), proof.CodeHash);
        Assert.Equal((UInt256)77, proof.StorageProofs[0].Value);
        Assert.True(ProofVerifier.TryVerify(proof.StorageHash, Keccak256.Compute(Contracts.Word(0)).Bytes, proof.StorageProofs[0].Proof, out byte[]? slot));
        Assert.NotNull(slot);
        Assert.True(ProofVerifier.TryVerify(proof.StorageHash, Keccak256.Compute(Contracts.Word(1)).Bytes, proof.StorageProofs[1].Proof, out byte[]? absent));
        Assert.Null(absent);

        AccountProof missing = chain.Backend.GetProof(Bob, [], BlockSelector.Latest)!;
        Assert.True(ProofVerifier.TryVerify(chain.Backend.GetHeader(BlockSelector.Latest)!.StateRoot, Keccak256.Compute(Bob.Bytes).Bytes, missing.Proof, out byte[]? none));
        Assert.Null(none);
    }

    [Fact]
    public async Task FeeHistoryAndGasPriceFollowTheBaseFee()
    {
        await using var chain = Start(blockMs: 30);
        await chain.ExecuteAsync(Transfer(0, Bob, 1, nonce: 0, tip: Gwei * 3));
        await chain.WaitForHeadAsync(chain.Backend.GetReceipt(Transfer(0, Bob, 1, nonce: 0, tip: Gwei * 3).Hash)!.BlockNumber);
        ulong included = chain.Backend.GetReceipt(Transfer(0, Bob, 1, nonce: 0, tip: Gwei * 3).Hash)!.BlockNumber;
        FeeHistory history = chain.Backend.GetFeeHistory(included + 1, BlockSelector.ByNumber(included), [50])!;
        Assert.Equal(0UL, history.OldestBlock);
        Assert.Equal((int)included + 2, history.BaseFeePerGas.Count);
        Assert.Equal(Gwei * 3, history.Reward![(int)included][0]);
        Assert.Equal(UInt256.Zero, history.Reward[0][0]);
        Assert.True(history.GasUsedRatio[(int)included] > 0);
        Assert.Equal(chain.Backend.GetBlock(BlockSelector.Pending)!.Header.BaseFeePerGas!.Value + Gwei, chain.Backend.GasPrice);
    }

    /// <summary>
    /// Replays blocks 1..<paramref name="last"/> in Core's in-memory world state with each header's
    /// environment and checks every header field that follows from it; returns the transaction count.
    /// </summary>
    internal static int ReplayAndCompare(TestChain chain, ulong last)
    {
        var world = new InMemoryWorldState();
        foreach (Address a in Accounts) world.SetAccount(a, 0, InitialBalance, []);
        Assert.Equal(world.ComputeStateRoot(), chain.Backend.GetHeader(BlockSelector.Earliest)!.StateRoot);
        var processor = new TransactionProcessor(ForkSpec.TachyonL2) { AllowBlobTransactions = false };
        BlockHeader? parent = chain.Backend.GetHeader(BlockSelector.Earliest);
        int txCount = 0;
        for (ulong n = 1; n <= last; n++)
        {
            BlockInfo block = chain.Backend.GetBlock(BlockSelector.ByNumber(n))!;
            BlockHeader h = block.Header;
            Assert.Equal(parent!.Hash, h.ParentHash);
            Assert.True(h.Timestamp > parent.Timestamp);
            Assert.Equal(BlockHeader.MaxFieldCount, h.FieldCount);
            Assert.Equal(Hash256.EmptyTrieRoot, h.WithdrawalsRoot);
            Assert.Equal(BlockHeader.EmptyRequestsHash, h.RequestsHash);
            Assert.Equal(0UL, h.BlobGasUsed);
            Assert.Equal(Hash256.Zero, h.ParentBeaconBlockRoot);
            Assert.True(h.BaseFeePerGas >= Gwei);
            var env = new BlockEnvironment
            {
                Coinbase = h.Coinbase, Number = h.Number, Timestamp = h.Timestamp, GasLimit = (long)h.GasLimit,
                BaseFee = h.BaseFeePerGas!.Value, ChainId = ChainId,
            };
            var receipts = new List<Receipt>();
            var encoded = new List<ReadOnlyMemory<byte>>();
            ulong gas = 0;
            foreach (TransactionInfo t in block.Transactions)
            {
                TransactionResult r = processor.Execute(world, env, t.Transaction.ToExecutable(t.Sender), (long)gas);
                Assert.True(r.IsValid, r.InvalidReason);
                Receipt receipt = r.ToReceipt(gas);
                gas = receipt.CumulativeGasUsed;
                receipts.Add(receipt);
                encoded.Add(TransactionEncoder.Encode(t.Transaction));
                txCount++;
            }
            Assert.Equal(gas, h.GasUsed);
            Assert.Equal(world.ComputeStateRoot(), h.StateRoot);
            Assert.Equal(TrieRoots.OrderedRoot(encoded), h.TransactionsRoot);
            Assert.Equal(TrieRoots.OrderedRoot(receipts.Select(r => (ReadOnlyMemory<byte>)r.Encode()).ToList()), h.ReceiptsRoot);
            Assert.Equal(Bloom.FromReceipts(receipts), h.LogsBloom);
            var served = chain.Backend.GetBlockReceipts(BlockSelector.ByHash(h.Hash))!;
            Assert.Equal(receipts.Select(r => Convert.ToHexString(r.Encode())), served.Select(r => Convert.ToHexString(r.Receipt.Encode())));
            parent = h;
        }
        return txCount;
    }

    [Fact]
    public void BaseFeeFollowsEip1559WithAFloor()
    {
        Assert.Equal((UInt256)1_125_000_000, Chain.BaseFee.Next(Gwei, 30_000_000, 30_000_000, 0));
        Assert.Equal(Gwei, Chain.BaseFee.Next(Gwei, 15_000_000, 30_000_000, 0));
        Assert.Equal((UInt256)875_000_000, Chain.BaseFee.Next(Gwei, 0, 30_000_000, 0));
        Assert.Equal(Gwei, Chain.BaseFee.Next(Gwei, 0, 30_000_000, Gwei));
        Assert.Equal((UInt256)8, Chain.BaseFee.Next(7, 30_000_000, 30_000_000, 0)); // at least +1
    }

    [Fact]
    public async Task ConcurrentSendersInAnyNonceOrderEndUpInReplayableBlocks()
    {
        await using var chain = Start(blockMs: 20);
        const int senders = 4, perSender = 40;
        var rng = new Random(3);
        var tasks = new List<Task<SubmitResult>>();
        var work = Enumerable.Range(0, senders).Select(s =>
        {
            // Mostly in order, with some nonces swapped so they wait for the gap.
            var nonces = Enumerable.Range(0, perSender).ToArray();
            for (int k = 0; k + 1 < nonces.Length; k += 2 + rng.Next(4)) (nonces[k], nonces[k + 1]) = (nonces[k + 1], nonces[k]);
            return Task.Run(async () =>
            {
                var results = new List<SubmitResult>();
                foreach (int n in nonces) results.Add(await chain.SubmitAsync(Transfer(s, Accounts[(s + 1) % senders], 1 + (ulong)n, (ulong)n)));
                return results;
            });
        }).ToArray();
        var all = (await Task.WhenAll(work)).SelectMany(r => r).ToList();
        Assert.All(all, r => Assert.True(r.Accepted, r.Detail));
        for (int s = 0; s < senders; s++) Assert.Equal((ulong)perSender, chain.Backend.GetNonce(Accounts[s], BlockSelector.Latest));
        ulong last = chain.Backend.ResolveBlockNumber(BlockSelector.Pending)!.Value;
        await chain.WaitForHeadAsync(last);
        Assert.Equal(senders * perSender, ReplayAndCompare(chain, last));
    }

    [Fact]
    public async Task AFullBlockIsSealedEarlyAndTheTransactionOpensTheNext()
    {
        await using var chain = Start(configure: o => o with { BlockGasLimit = 50_000 });
        ReceiptInfo a = await chain.ExecuteAsync(Transfer(0, Bob, 1, nonce: 0));
        ReceiptInfo b = await chain.ExecuteAsync(Transfer(0, Bob, 1, nonce: 1));
        ReceiptInfo c = await chain.ExecuteAsync(Transfer(0, Bob, 1, nonce: 2));
        Assert.Equal(1UL, a.BlockNumber);
        Assert.Equal(1UL, b.BlockNumber);
        Assert.Equal(2UL, c.BlockNumber);
        Assert.Equal(0UL, c.TransactionIndex);
        Assert.Equal(21_000UL, c.Receipt.CumulativeGasUsed);
        await chain.WaitForHeadAsync(1);
        Assert.Equal(42_000UL, chain.Backend.GetHeader(BlockSelector.ByNumber(1))!.GasUsed);
        Assert.Equal(TxRejection.ExceedsBlockGasLimit, (await chain.SubmitAsync(Transfer(1, Bob, 1, nonce: 0, gas: 50_001))).Rejection);
    }

    [Fact]
    public async Task StateOutsideTheHistoryWindowIsAClearError()
    {
        await using var chain = Start(blockMs: 15, configure: o => o with { HistoryWindow = 3 });
        await chain.WaitForHeadAsync(8);
        var e = Assert.Throws<Tachyon.Rpc.Json.RpcException>(() => chain.Backend.GetBalance(Bob, BlockSelector.ByNumber(1)));
        Assert.Contains("not available", e.Message);
        var p = Assert.Throws<Tachyon.Rpc.Json.RpcException>(() => chain.Backend.GetProof(Bob, [], BlockSelector.ByNumber(1)));
        Assert.Contains("not available", p.Message);
        Assert.NotNull(chain.Backend.GetBalance(Bob, BlockSelector.ByNumber(chain.Backend.HeadNumber)));
        Assert.NotNull(chain.Backend.GetProof(Bob, [], BlockSelector.Pending));
        // Blocks themselves stay readable from storage.
        Assert.Equal(1UL, chain.Backend.GetBlock(BlockSelector.ByNumber(1))!.Header.Number);
    }

    [Fact]
    public async Task BlocksPastTheRecentTransactionBudgetAreServedFromStorage()
    {
        // A window far longer than the test: only the budget can take blocks out of memory.
        await using var chain = Start(blockMs: 20, configure: o => o with { RecentTransactions = 2, HistoryWindow = 100_000 });
        var sent = new List<(Tachyon.Core.Transactions.Transaction Tx, ReceiptInfo Receipt)>();
        for (ulong n = 0; n < 4; n++)
        {
            var tx = Transfer(0, Bob, 1, nonce: n);
            sent.Add((tx, await chain.ExecuteAsync(tx)));
        }
        // Once its block is persisted and out of memory, resubmitting the first is "nonce too low"
        // (only blocks in memory answer "already known").
        DateTime deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await chain.SubmitAsync(sent[0].Tx)).Rejection != TxRejection.NonceTooLow)
        {
            Assert.True(DateTime.UtcNow < deadline, "the first block never left memory");
            await Task.Delay(20);
        }
        foreach (var (tx, receipt) in sent)
        {
            ReceiptInfo again = chain.Backend.GetReceipt(tx.Hash)!;
            Assert.Equal((receipt.BlockNumber, receipt.TransactionIndex, Accounts[0]), (again.BlockNumber, again.TransactionIndex, again.From));
            Assert.Equal(chain.Backend.GetHeader(BlockSelector.ByNumber(receipt.BlockNumber))!.Hash, again.BlockHash);
            Assert.Equal(tx.Hash, chain.Backend.GetTransaction(tx.Hash)!.Transaction.Hash);
        }
        Assert.Equal(sent[0].Tx.Hash, chain.Backend.GetBlock(BlockSelector.ByNumber(sent[0].Receipt.BlockNumber))!
            .Transactions[(int)sent[0].Receipt.TransactionIndex].Transaction.Hash);
    }

    [Fact]
    public async Task ABlockThatLeftMemoryIsGarbage()
    {
        // Each sealed block's builder once captured its parent's, so every block since the start stayed reachable.
        await using var chain = Start(blockMs: 10, configure: o => o with { HistoryWindow = 3 });
        ReceiptInfo r = await chain.ExecuteAsync(Transfer(0, Bob, 1, nonce: 0));
        await chain.WaitForHeadAsync(r.BlockNumber);
        WeakReference block = Track(chain, r.BlockNumber);
        await chain.WaitForHeadAsync(r.BlockNumber + 12); // out of the 3-block window, and out of the root and writer stages
        for (int i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        Assert.False(block.IsAlive);
        Assert.Equal(Accounts[0], chain.Backend.GetReceipt(r.TransactionHash)!.From); // read back from storage
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference Track(TestChain chain, ulong number) =>
        new(((Tachyon.Sequencer.Backend.SequencerBackend)chain.Backend).Index.Get(number) ?? throw new InvalidOperationException("not in memory"));
}
