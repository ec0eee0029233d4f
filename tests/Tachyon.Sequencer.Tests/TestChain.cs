using Microsoft.Extensions.Logging.Abstractions;
using Tachyon.Core.Chain;
using Tachyon.Core.Crypto;
using Tachyon.Core.Numerics;
using Tachyon.Core.Transactions;
using Tachyon.Core.Types;
using Tachyon.Rpc.Backend;
using Tachyon.State.Storage;

namespace Tachyon.Sequencer.Tests;

/// <summary>A sequencer over a scratch directory with a Prague dev genesis funding <see cref="Keys"/>.</summary>
internal sealed class TestChain : IAsyncDisposable
{
    public const ulong ChainId = 31337;
    public static readonly UInt256 Ether = UInt256.Parse("1000000000000000000");
    public static readonly UInt256 InitialBalance = Ether * 1000;
    public static readonly UInt256 Gwei = 1_000_000_000;

    public static readonly byte[][] Keys = Enumerable.Range(1, 4).Select(i => Enumerable.Repeat((byte)i, 32).ToArray()).ToArray();
    public static readonly Address[] Accounts = Keys.Select(k => Secp256k1.GetAddress(k)).ToArray();
    public static readonly Address Coinbase = Address.Parse("0xc0ffee0000000000000000000000000000000000");

    private readonly bool _ownsDir;

    private TestChain(string dir, bool ownsDir, SequencerNode node, SequencerOptions options)
    {
        Dir = dir;
        _ownsDir = ownsDir;
        Node = node;
        Options = options;
    }

    public string Dir { get; }
    public SequencerNode Node { get; private set; }
    public SequencerOptions Options { get; }
    public IEthBackend Backend => Node.Backend;

    public static Genesis DevGenesis(ulong chainId = ChainId, ulong timestamp = 0) => new()
    {
        Config = new ChainConfig
        {
            ChainId = chainId, HomesteadBlock = 0, Eip150Block = 0, Eip155Block = 0, Eip158Block = 0, ByzantiumBlock = 0,
            ConstantinopleBlock = 0, PetersburgBlock = 0, IstanbulBlock = 0, BerlinBlock = 0, LondonBlock = 0,
            TerminalTotalDifficulty = 0, ShanghaiTime = 0, CancunTime = 0, PragueTime = 0,
        },
        GasLimit = 30_000_000,
        BaseFeePerGas = Gwei,
        Timestamp = timestamp,
        Alloc = Accounts.ToDictionary(a => a, _ => new GenesisAccount { Balance = InitialBalance }),
    };

    /// <summary>Blocks every <paramref name="blockMs"/> (default: effectively never, so the open block stays put).</summary>
    public static TestChain Start(int blockMs = 3_600_000, string? dir = null, Func<SequencerOptions, SequencerOptions>? configure = null, bool start = true)
    {
        bool owns = dir == null;
        dir ??= Path.Combine(Path.GetTempPath(), "tachyon-seq-" + Guid.NewGuid().ToString("N"));
        var options = new SequencerOptions
        {
            DataDir = dir,
            Genesis = DevGenesis(),
            MiniBlockInterval = TimeSpan.FromMilliseconds(5),
            BlockInterval = TimeSpan.FromMilliseconds(blockMs),
            Coinbase = Coinbase,
            Durability = DurabilityMode.Async,
            DevAccounts = [new DevAccount(Accounts[0], Keys[0])],
        };
        if (configure != null) options = configure(options);
        var node = SequencerNode.Open(options, NullLoggerFactory.Instance);
        if (start) node.Start();
        return new TestChain(dir, owns, node, options);
    }

    public static Transaction Sign(int from, Transaction tx) => TransactionSigner.Sign(tx with { ChainId = ChainId }, Keys[from]);

    public static Transaction Transfer(int from, Address to, UInt256 value, ulong nonce, UInt256? maxFee = null, UInt256? tip = null, ulong gas = 21_000) =>
        Sign(from, new Transaction
        {
            Type = TransactionType.DynamicFee,
            Nonce = nonce,
            GasLimit = gas,
            MaxFeePerGas = maxFee ?? Gwei * 10,
            MaxPriorityFeePerGas = tip ?? Gwei,
            To = to,
            Value = value,
        });

    public static Transaction Call(int from, Address? to, byte[] data, ulong nonce, ulong gas = 200_000) =>
        Sign(from, new Transaction
        {
            Type = TransactionType.DynamicFee,
            Nonce = nonce,
            GasLimit = gas,
            MaxFeePerGas = Gwei * 10,
            MaxPriorityFeePerGas = Gwei,
            To = to,
            Data = data,
        });

    public Task<SubmitResult> SubmitAsync(Transaction tx)
    {
        Assert.True(SenderRecovery.TryRecoverSender(tx, out Address sender, out _));
        return Backend.SubmitTransactionAsync(tx, sender, CancellationToken.None).AsTask();
    }

    /// <summary>Submits and expects the transaction to execute at once.</summary>
    public async Task<ReceiptInfo> ExecuteAsync(Transaction tx)
    {
        SubmitResult result = await SubmitAsync(tx);
        Assert.True(result.Accepted, $"{result.Rejection}: {result.Detail}");
        Assert.False(result.Queued);
        return Backend.GetReceipt(tx.Hash) ?? throw new Xunit.Sdk.XunitException("no receipt right after execution");
    }

    public async Task WaitForHeadAsync(ulong number, int timeoutMs = 10_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (Backend.HeadNumber < number)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"head {Backend.HeadNumber}, waited for {number}");
            await Task.Delay(5);
        }
    }

    /// <summary>Stops the node and opens it again on the same directory.</summary>
    public async Task RestartAsync()
    {
        await Node.StopAsync(CancellationToken.None);
        Node = SequencerNode.Open(Options, NullLoggerFactory.Instance);
        Node.Start();
    }

    public async ValueTask DisposeAsync()
    {
        await Node.DisposeAsync();
        if (_ownsDir)
            try { Directory.Delete(Dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
