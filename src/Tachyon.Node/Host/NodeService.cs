using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tachyon.Core.Chain;
using Tachyon.Rpc.Backend;
using Tachyon.Rpc.Server;
using Tachyon.Sequencer;

namespace Tachyon.Node.Host;

/// <summary>The node as a hosted service: opens the chain, starts the sequencer and the JSON-RPC server; on stop, the reverse.</summary>
public sealed class NodeService(NodeSettings settings, Genesis genesis, IReadOnlyList<DevAccount> accounts, string version, ILoggerFactory loggers)
    : IHostedService, IAsyncDisposable
{
    private readonly ILogger _log = loggers.CreateLogger("Tachyon.Node");
    private SequencerNode? _node;
    private RpcServer? _server;
    private GcPauseMonitor? _gcMonitor;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        string dataDir = Path.GetFullPath(settings.DataDir);
        try
        {
            _node = SequencerNode.Open(new SequencerOptions
            {
                DataDir = dataDir,
                Genesis = genesis,
                MiniBlockInterval = TimeSpan.FromMilliseconds(settings.MiniBlockMs),
                BlockInterval = TimeSpan.FromMilliseconds(settings.BlockMs),
                DevAccounts = accounts,
                BlockGasLimit = settings.BlockGasLimit,
                RpcGasCap = settings.RpcGasCap,
                Durability = settings.Durability,
                HistoryWindow = settings.HistoryBlocks,
                RecentTransactions = settings.RecentTxs,
                ExecutionThreads = settings.ExecThreads,
            }, loggers);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new NodeStartException($"cannot open the chain in {dataDir}: {e.Message}", e);
        }

        _server = new RpcServer(_node.Backend,
            new RpcServerOptions { Host = settings.HttpAddr, Port = settings.HttpPort, ClientVersion = $"Tachyon/v{version}/dotnet{Environment.Version.Major}" },
            loggers);
        _node.Start();
        try
        {
            await _server.StartAsync(cancellationToken);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            throw new NodeStartException($"cannot listen on {settings.HttpAddr}:{settings.HttpPort}: {e.Message}", e);
        }

        // A pause this long stalls mini-blocks and every waiting eth_sendRawTransactionSync: worth a log line.
        _gcMonitor = new GcPauseMonitor(_log, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(200));
        PrintAccounts();
        _log.LogInformation("chain {ChainId}, data in {DataDir}, mini-blocks every {Mini} ms, blocks every {Block} ms",
            _node.ChainId, dataDir, settings.MiniBlockMs, settings.BlockMs);
        string host = settings.HttpAddr.Contains(':') ? $"[{settings.HttpAddr}]" : settings.HttpAddr;
        // Scripts parse this line for the bound port (--http.port 0).
        Console.WriteLine($"JSON-RPC listening on http://{host}:{_server.Port} and ws://{host}:{_server.Port}");
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _log.LogInformation("shutting down: closing JSON-RPC, sealing the open block, persisting");
        _gcMonitor?.Dispose();
        if (_server != null) await _server.StopAsync(cancellationToken);
        if (_node != null) await _node.StopAsync(cancellationToken);
        _log.LogInformation("stopped cleanly");
    }

    public async ValueTask DisposeAsync()
    {
        _gcMonitor?.Dispose();
        if (_server != null) await _server.DisposeAsync();
        if (_node != null) await _node.DisposeAsync();
    }

    private void PrintAccounts()
    {
        if (accounts.Count == 0) return;
        var w = Console.Out;
        w.WriteLine();
        w.WriteLine("Accounts");
        w.WriteLine("========");
        w.WriteLine();
        if (settings.Mnemonic == NodeSettings.DefaultMnemonic)
        {
            w.WriteLine("WARNING: These accounts, and their private keys, are publicly known.");
            w.WriteLine("Any funds sent to them on Mainnet or any other live network WILL BE LOST.");
            w.WriteLine();
        }
        for (int i = 0; i < accounts.Count; i++)
        {
            w.WriteLine($"Account #{i}: {accounts[i].Address.ToChecksumString()} ({settings.DevBalanceEth} ETH)");
            w.WriteLine($"Private Key: 0x{Convert.ToHexStringLower(accounts[i].PrivateKey)}");
            w.WriteLine();
        }
    }
}

/// <summary>The node could not start (data directory, port); the message is for the user.</summary>
public sealed class NodeStartException(string message, Exception inner) : Exception(message, inner);
