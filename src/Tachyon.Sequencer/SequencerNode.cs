using Microsoft.Extensions.Logging;
using Tachyon.Core.Blocks;
using Tachyon.Rpc.Backend;
using Tachyon.Sequencer.Backend;
using Tachyon.Sequencer.Chain;
using Tachyon.Sequencer.Execution;
using Tachyon.State;

namespace Tachyon.Sequencer;

/// <summary>
/// A running L2 sequencer over one data directory: opens (or creates from the genesis) the chain,
/// runs the executor thread that builds mini-blocks and EVM blocks, and serves it all through
/// <see cref="Backend"/>. Restarting on the same directory continues from the persisted head.
/// </summary>
public sealed class SequencerNode : IAsyncDisposable
{
    private readonly LayeredState _state;
    private readonly BlockProducer _producer;
    private readonly ILogger _log;
    private int _started, _stopped;

    private SequencerNode(LayeredState state, BlockProducer producer, ChainIndex index, SequencerOptions options, ILogger log, ChainEventHub events)
    {
        _state = state;
        _producer = producer;
        _log = log;
        ChainId = options.Genesis.Config.ChainId;
        Backend = new SequencerBackend(options, state, index, producer, events);
    }

    public IEthBackend Backend { get; }

    public ulong ChainId { get; }

    /// <summary>The newest sealed block.</summary>
    public ulong HeadNumber => Backend.HeadNumber;

    public static SequencerNode Open(SequencerOptions options, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        if (options.MiniBlockInterval <= TimeSpan.Zero) throw new ArgumentException("MiniBlockInterval must be positive", nameof(options));
        if (options.BlockInterval <= TimeSpan.Zero) throw new ArgumentException("BlockInterval must be positive", nameof(options));
        if (options.Genesis.Number != 0) throw new ArgumentException("the genesis block must be number 0", nameof(options));
        ILogger log = loggerFactory.CreateLogger("Tachyon.Sequencer");
        Directory.CreateDirectory(options.DataDir);
        var state = LayeredState.Open(options.DataDir, new LayeredStateOptions
        {
            Durability = options.Durability,
            HistoryWindow = options.HistoryWindow,
            MaxUnpersistedBlocks = options.MaxUnpersistedBlocks,
            Log = message => log.LogWarning("{Message}", message),
        });
        try
        {
            BlockData head = OpenChain(state, options, log);
            ulong gasLimit = options.BlockGasLimit ?? (options.Genesis.GasLimit == 0 ? 30_000_000UL : options.Genesis.GasLimit);
            var index = new ChainIndex(state, options.HistoryWindow, head, options.RecentTransactions);
            var events = new ChainEventHub();
            var producer = new BlockProducer(options, state, index, events, log, gasLimit);
            return new SequencerNode(state, producer, index, options, log, events);
        }
        catch
        {
            state.Dispose();
            throw;
        }
    }

    /// <summary>Block 0 on a fresh directory; otherwise checks the stored genesis and loads the persisted head.</summary>
    private static BlockData OpenChain(LayeredState state, SequencerOptions options, ILogger log)
    {
        var (diff, genesis) = GenesisState.Build(options.Genesis);
        if (state.PersistedHead is not { } persisted)
        {
            var record = new BlockRecord(0, genesis.Hash, genesis.Header.Encode(), genesis.Body.Encode(), BlockCodec.EncodeReceipts([]), []);
            var root = state.Commit(diff, record).RootTask.GetAwaiter().GetResult();
            if (root != genesis.Header.StateRoot)
                throw new InvalidOperationException($"genesis state root: stored trie gives {root}, in-memory trie {genesis.Header.StateRoot}");
            state.WaitForPersistence();
            state.PutMetadata(ChainIdKey, ChainIdBytes(options));
            log.LogInformation("new chain {ChainId}: genesis {Hash}", options.Genesis.Config.ChainId, genesis.Hash);
            return new BlockData(genesis.Header, []);
        }
        byte[] stored = state.GetHeader(0) ?? throw new InvalidDataException($"{options.DataDir}: block 0 is missing");
        BlockHeader storedGenesis = BlockHeader.Decode(stored);
        if (storedGenesis.Hash != genesis.Hash)
            throw new InvalidOperationException(
                $"{options.DataDir} holds a chain whose genesis is {storedGenesis.Hash}, but the configured genesis is {genesis.Hash}; " +
                "use the original genesis or another data directory");
        // The genesis header does not cover the chain id: it is kept as its own record.
        byte[]? storedId = state.GetMetadata(ChainIdKey);
        if (storedId == null) state.PutMetadata(ChainIdKey, ChainIdBytes(options));
        else if (!storedId.AsSpan().SequenceEqual(ChainIdBytes(options)))
            throw new InvalidOperationException(
                $"{options.DataDir} holds chain id {System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(storedId)}, " +
                $"but the configured chain id is {options.Genesis.Config.ChainId}; use the original chain id or another data directory");
        ulong n = persisted.Number;
        BlockData head = BlockCodec.Load(state.GetHeader(n)!, state.GetBody(n)!, state.GetReceipts(n)!, state.GetSenders(n));
        log.LogInformation("chain {ChainId} continues from block {Number} {Hash}", options.Genesis.Config.ChainId, n, head.Hash);
        return head;
    }

    private const string ChainIdKey = "tachyon.chainid";

    private static byte[] ChainIdBytes(SequencerOptions options)
    {
        var b = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(b, options.Genesis.Config.ChainId);
        return b;
    }

    /// <summary>Starts the mini-block / block timers and the executor loop.</summary>
    public void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) != 0) throw new InvalidOperationException("the node is already started");
        _producer.Start();
    }

    /// <summary>Parallel streams opened (only with <see cref="SequencerOptions.ExecutionThreads"/> &gt; 1).</summary>
    internal long ParallelStreams => _producer.ParallelStreams;

    /// <summary>Transactions committed through a parallel stream (only with <see cref="SequencerOptions.ExecutionThreads"/> &gt; 1).</summary>
    internal long StreamedTransactions => _producer.StreamedTransactions;

    /// <summary>Stops intake, seals the open block, persists every block and closes the database.</summary>
    public async Task StopAsync(CancellationToken ct)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0) return;
        if (Volatile.Read(ref _started) != 0) await _producer.StopAsync(ct).ConfigureAwait(false);
        await Task.Run(() =>
        {
            _state.WaitForPersistence();
            _state.Dispose();
        }, CancellationToken.None).ConfigureAwait(false);
        _log.LogInformation("stopped at block {Number}", HeadNumber);
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);
}
