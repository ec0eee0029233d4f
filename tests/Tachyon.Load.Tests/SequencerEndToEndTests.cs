using Microsoft.Extensions.Logging.Abstractions;
using Tachyon.Core.Chain;
using Tachyon.Load.Chain;
using Tachyon.Load.Compare;
using Tachyon.Load.Load;
using Tachyon.Load.Probe;
using Tachyon.Rpc.Server;
using Tachyon.Sequencer;

namespace Tachyon.Load.Tests;

/// <summary>
/// `load`, `probe` and `compare` against the real node in-process: the sequencer over a scratch
/// RocksDB directory behind the real JSON-RPC server on loopback, with dev account #0 funded.
/// Tiny numbers; fast blocks (200 ms) so block polling finds everything quickly.
/// </summary>
public sealed class SequencerEndToEndTests : IAsyncLifetime
{
    // A Prague dev chain (chain id 31337) in geth's genesis format, funding dev account #0.
    private const string GenesisJson = """
    {
      "config": { "chainId": 31337, "homesteadBlock": 0, "eip150Block": 0, "eip155Block": 0, "eip158Block": 0,
        "byzantiumBlock": 0, "constantinopleBlock": 0, "petersburgBlock": 0, "istanbulBlock": 0, "berlinBlock": 0,
        "londonBlock": 0, "terminalTotalDifficulty": 0, "shanghaiTime": 0, "cancunTime": 0, "pragueTime": 0 },
      "gasLimit": "0x3b9aca00", "baseFeePerGas": "0x3b9aca00", "difficulty": "0x0", "timestamp": "0x0",
      "alloc": { "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266": { "balance": "0xd3c21bcecceda1000000" } }
    }
    """;

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tachyon-load-e2e-" + Guid.NewGuid().ToString("N"));
    private SequencerNode _node = null!;
    private RpcServer _server = null!;

    public async Task InitializeAsync()
    {
        _node = SequencerNode.Open(new SequencerOptions
        {
            DataDir = _dir,
            Genesis = Genesis.Parse(GenesisJson),
            MiniBlockInterval = TimeSpan.FromMilliseconds(10),
            BlockInterval = TimeSpan.FromMilliseconds(200),
            Durability = Tachyon.State.Storage.DurabilityMode.Async,
        }, NullLoggerFactory.Instance);
        _node.Start();
        _server = new RpcServer(_node.Backend, new RpcServerOptions { Host = "127.0.0.1", Port = 0 });
        await _server.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _node.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private LoadOptions Options(WorkloadKind w, params string[] extra)
    {
        LoadOptions o = LoadOptions.Parse(["--rpc", _server.HttpUri.ToString(), "--accounts", "4", "--duration", "1", "--drain", "10", .. extra]);
        o.Workload = w;
        return o;
    }

    [Fact]
    public async Task Load_transfers_by_block_polling_and_erc20_by_sync_websocket_sends()
    {
        LoadResult polled = await LoadCommand.RunAsync(Options(WorkloadKind.Transfer, "--max", "--txs", "200", "--connections", "2"), TextWriter.Null, showProgress: false);
        Assert.True(polled.Accepted > 0);
        Assert.Equal(polled.Accepted, polled.Included);
        Assert.Equal(0, polled.Rejected + polled.TransportErrors + polled.Reverted);
        Assert.True(polled.StatusChecked);

        LoadResult sync = await LoadCommand.RunAsync(Options(WorkloadKind.Erc20, "--rate", "100", "--ws", "--sync", "--connections", "2"), TextWriter.Null, showProgress: false);
        Assert.Equal(100, sync.Sent);
        Assert.Equal(100, sync.Included);
        Assert.Equal(0, sync.Rejected + sync.TransportErrors + sync.Reverted);
    }

    [Fact]
    public async Task Probe_and_compare_block_and_call()
    {
        ProbeResult p = await ProbeCommand.RunAsync(_server.WebSocketUri, count: 20, warmup: 5, LoadAccount.DevKey0, fallback: false, TextWriter.Null);
        Assert.Equal(0, p.Errors);
        Assert.Equal(20, p.Latency.Count);

        foreach (BlockMode mode in new[] { BlockMode.Stream, BlockMode.Sync })
        {
            BlockResult b = await BlockCommand.RunAsync(_server.HttpUri, mode, txCount: 100, k: 10, connections: 2, LoadAccount.DevKey0, TextWriter.Null);
            Assert.Null(b.Error);
            Assert.Equal(100, b.Included);
        }
        // Batched over WebSocket, after a warm-up: 10 accounts in batches of up to 4 (3 workers, uneven groups).
        foreach (BlockMode mode in new[] { BlockMode.Stream, BlockMode.Sync })
        {
            BlockResult b = await BlockCommand.RunAsync(_server.WebSocketUri, mode, txCount: 100, k: 10, connections: 2, LoadAccount.DevKey0, TextWriter.Null,
                batch: 4, warmup: 50);
            Assert.Null(b.Error);
            Assert.Equal(100, b.Included);
            Assert.Equal(4, b.Batch);
            Assert.True(b.ClientCpuSeconds > 0);
        }

        CallResult c = await CallCommand.RunAsync(_server.HttpUri, "arith", 200, calls: 3, LoadAccount.DevKey0, TextWriter.Null);
        Assert.Equal(3, c.Calls);
    }
}
