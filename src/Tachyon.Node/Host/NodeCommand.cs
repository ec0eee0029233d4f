using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Tachyon.Core.Chain;
using Tachyon.Rpc.Backend;

namespace Tachyon.Node.Host;

/// <summary>`tachyon [--dev] [options]`: the node on the .NET generic host (Ctrl-C / SIGTERM stop it cleanly).</summary>
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

        Console.WriteLine($"tachyon {version}");
        // Settings come from NodeSettings (file, TACHYON_ variables, command line), not the host defaults.
        HostApplicationBuilder builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging
            .SetMinimumLevel(Enum.Parse<LogLevel>(settings.LogLevel, ignoreCase: true))
            .AddFilter("Microsoft", LogLevel.Warning)
            .AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None) // start failures are reported below, in one line
            .AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss.fff ";
                o.ColorBehavior = Console.IsOutputRedirected ? LoggerColorBehavior.Disabled : LoggerColorBehavior.Default;
            });
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        builder.Services.AddSingleton<IHostLifetime, ConsoleLifetime>();
        // Sealing the open block and the last RocksDB batches must finish before the process exits.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(60));
        builder.Services.AddSingleton(sp => new NodeService(settings, genesis, accounts, version, sp.GetRequiredService<ILoggerFactory>()));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<NodeService>());

        using IHost host = builder.Build();
        try
        {
            host.Run();
            return 0;
        }
        catch (NodeStartException e)
        {
            Console.Error.WriteLine($"tachyon: {e.Message}");
            return 1;
        }
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
}
