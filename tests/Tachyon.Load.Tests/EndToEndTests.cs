using Tachyon.Load.Chain;
using Tachyon.Load.Compare;
using Tachyon.Load.Load;
using Tachyon.Load.Probe;
using Tachyon.Load.Rpc;
using Tachyon.Rpc.Server;

namespace Tachyon.Load.Tests;

/// <summary>
/// `load`, `probe` and `compare call` end to end over real HTTP and WebSocket connections against
/// <see cref="MiniChain"/> behind the real JSON-RPC server (tiny numbers: a few seconds in all).
/// </summary>
public sealed class EndToEndTests : IAsyncLifetime
{
    private readonly MiniChain _chain = new();
    private RpcServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = new RpcServer(_chain, new RpcServerOptions { Host = "127.0.0.1", Port = 0 });
        await _server.StartAsync();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static LoadOptions Options(Uri rpc, WorkloadKind w, params string[] extra)
    {
        LoadOptions o = LoadOptions.Parse(["--rpc", rpc.ToString(), "--accounts", "4", "--duration", "0.5", "--drain", "5", .. extra]);
        o.Workload = w;
        return o;
    }

    [Fact]
    public async Task Closed_loop_transfers_over_http_are_all_found_in_blocks()
    {
        string dir = Directory.CreateTempSubdirectory().FullName;
        LoadOptions o = Options(_server.HttpUri, WorkloadKind.Transfer, "--max", "--txs", "200", "--connections", "2", "--seed", "5");
        LoadResult r = await LoadCommand.RunAsync(o, TextWriter.Null, showProgress: false);

        Assert.True(r.Accepted > 0);
        Assert.Equal(r.Sent, r.Accepted);
        Assert.Equal(r.Accepted, r.Included);
        Assert.Equal(0, r.Rejected + r.TransportErrors + r.Reverted);
        Assert.True(r.StatusChecked); // the server has eth_getBlockReceipts
        Assert.Equal(r.Included, r.Latency.Count);
        Assert.InRange(r.LastInclusionSeconds, 1e-6, r.SendSeconds + 5);
        Assert.Equal(r.Included / Math.Max(r.SendSeconds, r.LastInclusionSeconds), r.IncludedTps, 6);
        Assert.True(r.Latency.P50 > 0 && r.Latency.P50 <= r.Latency.P99 && r.Latency.P99 <= r.Latency.Max);
        // Every account's nonce on chain is what it sent: no gaps, nothing lost.
        ulong onChain = 0;
        foreach (LoadAccount a in LoadAccount.Derive(5, 4)) onChain += _chain.GetNonce(a.Address, default)!.Value;
        Assert.Equal((ulong)r.Included, onChain);

        string json = Path.Combine(dir, "r.json"), png = Path.Combine(dir, "r.png");
        Tachyon.Load.Output.JsonOutput.Write(json, r);
        Tachyon.Load.Output.PlotOutput.Write(png, r);
        Assert.Contains("\"includedTps\"", File.ReadAllText(json));
        Assert.True(new FileInfo(png).Length > 1000);
        Directory.Delete(dir, true);
    }

    [Fact]
    public async Task Transactions_that_join_a_growing_latest_block_are_all_found()
    {
        _chain.TransactionsPerBlock = 16; // "latest" keeps growing until it holds 16
        // Open loop, a transaction every 2.5 ms: the 5 ms polls see blocks half full, the last one too.
        LoadOptions o = Options(_server.HttpUri, WorkloadKind.Transfer, "--rate", "400", "--connections", "2", "--seed", "6");
        LoadResult r = await LoadCommand.RunAsync(o, TextWriter.Null, showProgress: false);

        Assert.Equal(200, r.Sent);
        Assert.Equal(r.Sent, r.Accepted);
        Assert.Equal(r.Accepted, r.Included);
        Assert.True(_chain.HeadNumber < 20); // blocks really were shared
    }

    [Fact]
    public async Task An_unchanged_latest_block_is_not_read_again()
    {
        LoadOptions o = Options(_server.HttpUri, WorkloadKind.Transfer, "--max", "--txs", "8", "--connections", "1", "--seed", "7");
        await LoadCommand.RunAsync(o, TextWriter.Null, showProgress: false);
        ulong head = _chain.HeadNumber;

        await using var http = new HttpRpcTransport(_server.HttpUri, 1);
        var tracker = new InclusionTracker(http, Presigned.Calls(1, 1, "eth_chainId", "[]"), new RunMetrics(1, 10), head);
        await tracker.DetectAsync();
        int before = _chain.BlockReceiptsReads;
        await tracker.PollOnceAsync(); // reads the head once
        for (int i = 0; i < 3; i++)
        {
            await Task.Delay(60); // past the 50 ms re-check interval: only the count is asked again
            await tracker.PollOnceAsync();
        }
        Assert.Equal(before + 1, _chain.BlockReceiptsReads);
        Assert.Equal(0, tracker.PollErrors);
    }

    [Fact]
    public async Task Open_loop_erc20_with_sync_sends_over_websockets_gets_every_receipt()
    {
        LoadOptions o = Options(_server.HttpUri, WorkloadKind.Erc20, "--rate", "200", "--ws", "--sync", "--connections", "2");
        LoadResult r = await LoadCommand.RunAsync(o, TextWriter.Null, showProgress: false);

        Assert.StartsWith("ws://", r.Rpc);
        Assert.Equal(100, r.Sent); // 200 tx/s × 0.5 s
        Assert.Equal(100, r.Included);
        Assert.Equal(0, r.Reverted + r.Rejected + r.TransportErrors);
        Assert.NotNull(r.ScheduleLag);
    }

    [Fact]
    public async Task Swap_workload_deploys_the_amm_and_no_swap_reverts()
    {
        LoadOptions o = Options(_server.HttpUri, WorkloadKind.Swap, "--max", "--txs", "80", "--connections", "2", "--duration", "20"); // ends when the budget is sent
        LoadResult r = await LoadCommand.RunAsync(o, TextWriter.Null, showProgress: false);
        Assert.Equal(80, r.Included);
        Assert.Equal(0, r.Reverted + r.Rejected + r.TransportErrors);
    }

    [Fact]
    public async Task Probe_measures_sequential_sync_sends_on_one_websocket()
    {
        ProbeResult p = await ProbeCommand.RunAsync(_server.WebSocketUri, count: 30, warmup: 5, LoadAccount.DevKey0, fallback: false, TextWriter.Null);
        Assert.Equal("eth_sendRawTransactionSync", p.Method);
        Assert.Equal(0, p.Errors);
        Assert.Equal(30, p.Latency.Count);
        Assert.True(p.SingleClientTps > 0);
        Assert.Equal(35UL, _chain.GetNonce(new LoadAccount(LoadAccount.DevKey0).Address, default));
    }

    [Fact]
    public async Task Compare_call_checks_the_kernel_answer()
    {
        CallResult c = await CallCommand.RunAsync(_server.HttpUri, "sieve", 1000, calls: 3, LoadAccount.DevKey0, TextWriter.Null);
        Assert.Equal(3, c.Calls);
        Assert.True(c.Gas > 21_000);
        Assert.True(c.MinMs <= c.MedianMs && c.MedianMs <= c.MaxMs);
    }

    [Fact]
    public async Task Rejected_transactions_are_counted_with_the_node_message_and_stop_their_account()
    {
        // Setup succeeds, then the node refuses everything: every account fails once and stops.
        var o = Options(_server.HttpUri, WorkloadKind.Transfer, "--max", "--txs", "40", "--connections", "1", "--drain", "0.2");
        _chain.RejectAfter(4, "pool is closed for the test"); // the 4 funding transfers go through
        LoadResult r = await LoadCommand.RunAsync(o, TextWriter.Null, showProgress: false);
        Assert.Equal(4, r.Rejected);
        Assert.Equal(4, r.StoppedAccounts);
        Assert.Equal(36, r.Skipped);
        Assert.Contains(r.Errors, e => e.Key.Contains("pool is closed for the test") && e.Value == 4);
    }

    [Fact]
    public async Task A_node_that_dies_mid_run_ends_the_run_with_counted_transport_errors()
    {
        var o = Options(_server.HttpUri, WorkloadKind.Transfer, "--rate", "200", "--duration", "2", "--drain", "0.5");
        Task<LoadResult> run = LoadCommand.RunAsync(o, TextWriter.Null, showProgress: false);
        while (_chain.HeadNumber < 20) await Task.Delay(10); // setup done and sends under way
        await _server.DisposeAsync();
        LoadResult r = await run;
        Assert.True(r.TransportErrors > 0);
        Assert.True(r.Accepted > 0);
        Assert.Equal(r.Sent, r.Accepted + r.TransportErrors + r.Rejected);
        Assert.Equal(400, r.Sent + r.Skipped);
        _server = new RpcServer(_chain, new RpcServerOptions { Host = "127.0.0.1", Port = 0 }); // for DisposeAsync
    }

    [Fact]
    public async Task A_node_that_is_down_is_a_clear_error()
    {
        int port = _server.Port;
        await _server.DisposeAsync();
        _server = new RpcServer(_chain, new RpcServerOptions { Host = "127.0.0.1", Port = 0 });
        await _server.StartAsync();
        var o = Options(new Uri($"http://127.0.0.1:{port}"), WorkloadKind.Transfer, "--max");
        var e = await Assert.ThrowsAsync<RpcCallException>(() => LoadCommand.RunAsync(o, TextWriter.Null, showProgress: false));
        Assert.True(e.Error.IsTransport);
        Assert.Contains($"127.0.0.1:{port}", e.Message);
    }
}
