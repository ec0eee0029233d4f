using Tachyon.Core.Blocks;
using Tachyon.Core.Chain;
using Tachyon.Core.Crypto;
using Tachyon.Core.Numerics;
using Tachyon.Core.Transactions;
using Tachyon.Core.Types;
using Tachyon.Rpc.Backend;
using Tachyon.Workloads.Contracts;

namespace Tachyon.Sequencer.Tests;

/// <summary>
/// ExecutionThreads = 4 must seal exactly what ExecutionThreads = 1 seals: the same randomized
/// backlog is submitted to both nodes, the block is sealed at stop, and roots, gas and every
/// receipt and submit result are compared.
/// </summary>
public sealed class ParallelExecutionTests
{
    private const int Senders = 48;
    private static readonly byte[][] Keys = Enumerable.Range(0, Senders).Select(i =>
    {
        var k = new byte[32];
        k[0] = 0x5a;
        k[31] = (byte)(i + 1);
        return k;
    }).ToArray();
    private static readonly Address[] From = Keys.Select(k => Secp256k1.GetAddress(k)).ToArray();
    private static readonly Address Token = Address.Parse("0x70ce000000000000000000000000000000000001");
    private static readonly Address Reverter = Address.Parse("0x70ce000000000000000000000000000000000002");
    private static readonly Address Spinner = Address.Parse("0x70ce000000000000000000000000000000000003");
    private static readonly Address Storer = Address.Parse("0x70ce000000000000000000000000000000000004");
    private static readonly Address[] Hot = [Address.Parse("0x4070000000000000000000000000000000000001"), Address.Parse("0x4070000000000000000000000000000000000002")];

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(42)]
    public async Task FourThreadsSealWhatOneThreadSeals(int seed)
    {
        List<(Transaction Tx, Address Sender)> workload = Workload(seed);
        Sealed one = await RunAsync(1, workload);
        Sealed four = await RunAsync(4, workload);

        Assert.True(four.Batches > 0, "the parallel path never ran");
        Assert.Equal(0, one.Batches);
        Assert.Equal(one.StateRoot, four.StateRoot);
        Assert.Equal(one.ReceiptsRoot, four.ReceiptsRoot);
        Assert.Equal(one.GasUsed, four.GasUsed);
        Assert.Equal(one.Results, four.Results);
        Assert.Equal(one.Receipts, four.Receipts);
        // The workload must exercise what it claims: reverts and rejections happened.
        Assert.Contains(one.Receipts, r => r.EndsWith(":False", StringComparison.Ordinal));
        Assert.Contains(one.Results, r => r.StartsWith("rejected", StringComparison.Ordinal));
        Assert.Contains(one.Receipts, r => r.Contains(":0x", StringComparison.Ordinal)); // a contract was created
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task StreamedReceiptsAndStateAreReleasedBeforeTheMiniBlockEnds(bool pipelined)
    {
        // One long mini-block: everything below happens while it (and its stream) is open.
        Func<SequencerOptions, SequencerOptions> configure = o => o with
        {
            // Chained follow-ups must wait in the stream here, not end it (that fallback is timing-dependent).
            StreamMinBacklog = 1, StreamMaxChainedWaits = int.MaxValue, MiniBlockInterval = TimeSpan.FromMinutes(5), Genesis = Genesis(),
        };
        (Hash256 oneRoot, _) = await SendRoundsAsync(1, pipelined, configure);
        (Hash256 fourRoot, long streams) = await SendRoundsAsync(4, pipelined, configure);
        Assert.Equal(oneRoot, fourRoot);
        Assert.Equal(1, streams); // follow-up nonces joined the open stream instead of closing it
    }

    /// <summary>
    /// Rounds of one transfer per sender — each round sent after the previous one was answered, or all
    /// at once (nonce chains in flight); after each answer the receipt and the pending nonce must show it.
    /// </summary>
    private static async Task<(Hash256 Root, long Streams)> SendRoundsAsync(int threads, bool pipelined, Func<SequencerOptions, SequencerOptions> configure)
    {
        await using TestChain chain = TestChain.Start(configure: o => configure(o) with { ExecutionThreads = threads });
        const int senders = 12, rounds = 4;
        var sends = new Task<SubmitResult>[rounds, senders];
        var txs = new Transaction[rounds, senders];
        for (int round = 0; round < rounds; round++)
        {
            for (int s = 0; s < senders; s++)
            {
                txs[round, s] = Tx(s, (ulong)round, Hot[s % 2], 1_000 + (ulong)s, [], 21_000);
                sends[round, s] = chain.Backend.SubmitTransactionAsync(txs[round, s], From[s], CancellationToken.None).AsTask();
            }
            if (!pipelined) await CheckRoundAsync(round);
        }
        if (pipelined)
            for (int round = 0; round < rounds; round++) await CheckRoundAsync(round);

        async Task CheckRoundAsync(int round)
        {
            for (int s = 0; s < senders; s++)
            {
                SubmitResult r = await sends[round, s];
                Assert.True(r.Accepted && !r.Queued, $"round {round}, sender {s}: {r.Rejection} {r.Detail}");
                Assert.NotNull(chain.Backend.GetReceipt(txs[round, s].Hash));
                Assert.True(chain.Backend.GetNonce(From[s], BlockSelector.Pending) >= (ulong)round + 1);
                if (!pipelined) Assert.Equal((ulong)round + 1, chain.Backend.GetNonce(From[s], BlockSelector.Pending));
            }
        }
        long streams = chain.Node.ParallelStreams;
        Assert.Equal(threads > 1 ? senders * rounds : 0, chain.Node.StreamedTransactions);
        await chain.RestartAsync(); // seals the open block
        return (chain.Backend.GetHeader(BlockSelector.ByNumber(1))!.StateRoot, streams);
    }

    private sealed record Sealed(Hash256 StateRoot, Hash256 ReceiptsRoot, ulong GasUsed, List<string> Results, List<string> Receipts, long Batches);

    private static async Task<Sealed> RunAsync(int threads, List<(Transaction Tx, Address Sender)> workload)
    {
        await using TestChain chain = TestChain.Start(configure: o => o with { ExecutionThreads = threads, Genesis = Genesis() });
        // Fire everything without awaiting so a backlog builds up in the inbox.
        var pending = new Task<SubmitResult>[workload.Count];
        for (int i = 0; i < workload.Count; i++)
            pending[i] = chain.Backend.SubmitTransactionAsync(workload[i].Tx, workload[i].Sender, CancellationToken.None).AsTask();
        SubmitResult[] submitted = await Task.WhenAll(pending);
        var results = submitted.Select(r => r.Accepted ? $"ok queued={r.Queued}" : $"rejected {r.Rejection} {r.Detail}").ToList();
        long batches = chain.Node.StreamedTransactions;

        await chain.RestartAsync(); // seals the open block
        BlockHeader header = chain.Backend.GetHeader(BlockSelector.ByNumber(1))!;
        IReadOnlyList<ReceiptInfo> receipts = chain.Backend.GetBlockReceipts(BlockSelector.ByNumber(1))!;
        var lines = receipts.Select(r =>
            $"{r.TransactionHash}:{r.TransactionIndex}:{r.GasUsed}:{r.Receipt.CumulativeGasUsed}:{r.ContractAddress}:{Convert.ToHexString(r.Receipt.Encode())}:{r.Receipt.Success}").ToList();
        return new Sealed(header.StateRoot, header.ReceiptsRoot, header.GasUsed, results, lines, batches);
    }

    private static Genesis Genesis()
    {
        Genesis dev = TestChain.DevGenesis();
        var alloc = new Dictionary<Address, GenesisAccount>();
        var tokenStorage = new Dictionary<Hash256, Hash256>();
        foreach (Address a in From)
        {
            alloc[a] = new GenesisAccount { Balance = TestChain.Ether * 10 };
            tokenStorage[new Hash256(Erc20.BalanceSlot(a).ToBigEndian())] = new Hash256(((UInt256)1_000_000).ToBigEndian());
        }
        alloc[Token] = new GenesisAccount { Code = Erc20.Code(), Storage = tokenStorage };
        alloc[Reverter] = new GenesisAccount { Code = Contracts.RevertRuntime() };
        alloc[Spinner] = new GenesisAccount { Code = new byte[] { 0x5b, 0x60, 0x00, 0x56 } }; // JUMPDEST; JUMP(0): runs out of gas
        alloc[Storer] = new GenesisAccount { Code = Contracts.StoreRuntime() }; // one hot slot, a log per call
        return new Genesis
        {
            Config = dev.Config, GasLimit = 200_000_000, BaseFeePerGas = dev.BaseFeePerGas, Timestamp = dev.Timestamp, Alloc = alloc,
        };
    }

    /// <summary>
    /// An out-of-gas loop, transfers (half to two hot recipients), ERC-20 transfers (some to a hot holder: shared slots),
    /// nonce chains, calls that revert, a too-low nonce and an unaffordable transfer.
    /// </summary>
    private static List<(Transaction, Address)> Workload(int seed)
    {
        var rng = new Random(seed);
        var nonces = new ulong[Senders];
        // First a long out-of-gas loop: while it runs, the rest piles up in the inbox.
        var list = new List<(Transaction, Address)> { (Tx(0, nonces[0]++, Spinner, 0, [], 20_000_000), From[0]) };
        for (int round = 0; round < 5; round++)
        {
            // Each round visits every sender once in random order, so batches can grow long; a few
            // senders send twice in a row (a nonce chain, which ends a batch).
            int[] order = Enumerable.Range(0, Senders).OrderBy(_ => rng.Next()).ToArray();
            foreach (int s in order)
            {
                list.Add((Random(rng, s, nonces), From[s]));
                if (rng.Next(100) < 3) list.Add((Random(rng, s, nonces), From[s]));
            }
        }
        return list;
    }

    private static Transaction Random(Random rng, int s, ulong[] nonces)
    {
        int kind = rng.Next(100);
        Address to = rng.Next(2) == 0 ? Hot[rng.Next(Hot.Length)] : From[rng.Next(Senders)];
        return kind switch
        {
            < 40 => Tx(s, nonces[s]++, to, 1_000 + (ulong)rng.Next(1000), [], 21_000),
            < 80 => Tx(s, nonces[s]++, Token, 0, Erc20.TransferData(to, (ulong)rng.Next(1, 500)), 80_000),
            < 85 => Tx(s, nonces[s]++, Storer, 0, Contracts.Word((ulong)rng.Next(1, 1000)), 60_000),
            < 89 => Tx(s, nonces[s]++, null, 0, Contracts.Deploy(Contracts.StoreRuntime()), 200_000), // a create
            < 94 => Tx(s, nonces[s]++, Reverter, 0, [], 50_000),
            < 97 when nonces[s] > 0 => Tx(s, nonces[s] - 1, to, 1, [], 21_000), // nonce too low (or already known)
            _ => Tx(s, nonces[s], to, TestChain.Ether * 100, [], 21_000), // more than the balance
        };
    }

    private static Transaction Tx(int s, ulong nonce, Address? to, UInt256 value, byte[] data, ulong gas) =>
        TransactionSigner.Sign(new Transaction
        {
            Type = TransactionType.DynamicFee,
            ChainId = TestChain.ChainId,
            Nonce = nonce,
            GasLimit = gas,
            MaxFeePerGas = TestChain.Gwei * 10,
            MaxPriorityFeePerGas = TestChain.Gwei,
            To = to,
            Value = value,
            Data = data,
        }, Keys[s]);
}
