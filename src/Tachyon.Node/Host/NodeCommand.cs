using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Tachyon.Core.Chain;
using Tachyon.Core.Numerics;
using Tachyon.Rpc.Backend;
using Tachyon.Rpc.Server;
using Tachyon.Sequencer;

namespace Tachyon.Node.Host;

/// <summary>`tachyon [--dev] [options]`: the sequencer node with JSON-RPC over HTTP and WebSocket.</summary>
public static class NodeCommand
{
    public static int Run(string[] args, string version)
    {
        NodeSettings settings;
        Genesis genesis;
        IReadOnlyList<DevAccount> accounts;
        try
        {
            settings = NodeSettings.Parse(args);
            (genesis, accounts) = LoadChain(settings);
        }
        catch (Exception e) when (e is OptionException or FormatException or IOException or InvalidOperationException)
        {
            Console.Error.WriteLine($"tachyon: {e.Message}");
            return 2;
        }
        return RunAsync(settings, genesis, accounts, version).GetAwaiter().GetResult();
    }

    private static (Genesis, IReadOnlyList<DevAccount>) LoadChain(NodeSettings settings)
    {
        bool dev = settings.Dev || settings.GenesisFile == null;
        IReadOnlyList<DevAccount> accounts = dev ? DevChain.Accounts(settings) : [];
        if (settings.GenesisFile == null) return (DevChain.Genesis(settings, accounts), accounts);
        if (!File.Exists(settings.GenesisFile)) throw new OptionException($"genesis file {Path.GetFullPath(settings.GenesisFile)} does not exist");
        Genesis genesis = Genesis.Load(settings.GenesisFile);
        if (settings.ChainId is { } id && id != genesis.Config.ChainId)
            throw new OptionException($"--chain-id {id} differs from the genesis file's chain id {genesis.Config.ChainId}");
        return (genesis, accounts);
    }

    private static async Task<int> RunAsync(NodeSettings settings, Genesis genesis, IReadOnlyList<DevAccount> accounts, string version)
    {
        using ILoggerFactory loggers = LoggerFactory.Create(b => b
            .SetMinimumLevel(Enum.Parse<LogLevel>(settings.LogLevel, ignoreCase: true))
            .AddFilter("Microsoft", LogLevel.Warning)
            .AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss.fff ";
                o.ColorBehavior = Console.IsOutputRedirected ? LoggerColorBehavior.Disabled : LoggerColorBehavior.Default;
            }));
        ILogger log = loggers.CreateLogger("Tachyon.Node");
        Console.WriteLine($"tachyon {version}");

        SequencerNode node;
        try
        {
            node = SequencerNode.Open(new SequencerOptions
            {
                DataDir = Path.GetFullPath(settings.DataDir),
                Genesis = genesis,
                MiniBlockInterval = TimeSpan.FromMilliseconds(settings.MiniBlockMs),
                BlockInterval = TimeSpan.FromMilliseconds(settings.BlockMs),
                DevAccounts = accounts,
                BlockGasLimit = settings.BlockGasLimit,
                RpcGasCap = settings.RpcGasCap,
                Durability = settings.Durability,
                HistoryWindow = settings.HistoryBlocks,
            }, loggers);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            Console.Error.WriteLine($"tachyon: cannot open the chain in {Path.GetFullPath(settings.DataDir)}: {e.Message}");
            return 1;
        }

        await using var server = new RpcServer(node.Backend,
            new RpcServerOptions { Host = settings.HttpAddr, Port = settings.HttpPort, ClientVersion = $"Tachyon/v{version}/dotnet{Environment.Version.Major}" },
            loggers);
        try
        {
            node.Start();
            await server.StartAsync();
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            Console.Error.WriteLine($"tachyon: cannot listen on {settings.HttpAddr}:{settings.HttpPort}: {e.Message}");
            await node.StopAsync(CancellationToken.None);
            await node.DisposeAsync();
            return 1;
        }

        PrintAccounts(settings, accounts);
        log.LogInformation("chain {ChainId}, data in {DataDir}, mini-blocks every {Mini} ms, blocks every {Block} ms",
            node.ChainId, Path.GetFullPath(settings.DataDir), settings.MiniBlockMs, settings.BlockMs);
        string host = settings.HttpAddr.Contains(':') ? $"[{settings.HttpAddr}]" : settings.HttpAddr;
        // Scripts parse this line for the bound port (--http.port 0).
        Console.WriteLine($"JSON-RPC listening on http://{host}:{server.Port} and ws://{host}:{server.Port}");

        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; stop.TrySetResult(); };
        Console.CancelKeyPress += onCancel;
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.TrySetResult(); });
        await stop.Task;
        Console.CancelKeyPress -= onCancel;

        log.LogInformation("shutting down: closing JSON-RPC, sealing the open block, persisting");
        await server.StopAsync();
        await node.StopAsync(CancellationToken.None);
        await node.DisposeAsync();
        log.LogInformation("stopped cleanly");
        return 0;
    }

    private static void PrintAccounts(NodeSettings settings, IReadOnlyList<DevAccount> accounts)
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
