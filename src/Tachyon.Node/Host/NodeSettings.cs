using System.Globalization;
using Microsoft.Extensions.Configuration;
using Tachyon.Sequencer;
using Tachyon.State.Storage;

namespace Tachyon.Node.Host;

/// <summary>
/// The node's settings, from (lowest to highest precedence) a JSON config file (--config), environment
/// variables with the TACHYON_ prefix (TACHYON_DATADIR, TACHYON_HTTP__PORT, ...) and the command line.
/// </summary>
public sealed record NodeSettings
{
    public const string DefaultMnemonic = "test test test test test test test test test test test junk";

    public bool Dev { get; init; }
    public string? GenesisFile { get; init; }
    public string DataDir { get; init; } = "./tachyon-data";
    public string HttpAddr { get; init; } = "127.0.0.1";
    public int HttpPort { get; init; } = 8545;
    public int MiniBlockMs { get; init; } = 10;
    public int BlockMs { get; init; } = 1000;
    public ulong? ChainId { get; init; }
    public ulong BlockGasLimit { get; init; } = 2_000_000_000;
    public ulong RpcGasCap { get; init; } = 50_000_000;
    public string Mnemonic { get; init; } = DefaultMnemonic;
    public int DevAccounts { get; init; } = 10;
    public ulong DevBalanceEth { get; init; } = 10_000;
    public DurabilityMode Durability { get; init; } = DurabilityMode.Sync;
    public int HistoryBlocks { get; init; } = 128;
    public int RecentTxs { get; init; } = SequencerOptions.DefaultRecentTransactions;
    public int ExecThreads { get; init; } = 1;
    public string LogLevel { get; init; } = "Information";

    /// <summary>Command-line option → configuration key (also the JSON key and, upper-cased, the TACHYON_ variable).</summary>
    internal static readonly (string Option, string Key, string Help)[] Options =
    [
        ("--genesis", "Genesis", "geth-format genesis file (default in dev mode: a dev chain with the mnemonic accounts)"),
        ("--datadir", "DataDir", "where the RocksDB state lives (./tachyon-data)"),
        ("--http.addr", "Http:Addr", "JSON-RPC HTTP/WebSocket address (127.0.0.1)"),
        ("--http.port", "Http:Port", "JSON-RPC port; 0 picks a free one (8545)"),
        ("--mini-block-ms", "MiniBlockMs", "mini-block interval in ms (10)"),
        ("--block-ms", "BlockMs", "EVM block interval in ms (1000)"),
        ("--chain-id", "ChainId", "chain id of the dev chain (31337)"),
        ("--block-gas-limit", "BlockGasLimit", "gas limit of each block (2000000000)"),
        ("--rpc.gascap", "RpcGasCap", "gas cap of eth_call/eth_estimateGas (50000000)"),
        ("--mnemonic", "Mnemonic", "BIP-39 mnemonic of the dev accounts (the standard test mnemonic)"),
        ("--accounts", "DevAccounts", "number of dev accounts (10)"),
        ("--balance", "DevBalanceEth", "balance of each dev account in ETH (10000)"),
        ("--durability", "Durability", "sync (fsync per block) or async (sync)"),
        ("--history", "HistoryBlocks", "blocks whose state stays readable (128)"),
        ("--recent-txs", "RecentTxs", $"transactions of recent blocks kept decoded in memory; older blocks are read from the database ({SequencerOptions.DefaultRecentTransactions})"),
        ("--exec-threads", "ExecThreads", "Block-STM worker threads for streaming transactions in parallel under a backlog; 1 runs one by one (1)"),
        ("--log-level", "LogLevel", "Trace|Debug|Information|Warning|Error (Information)"),
        ("--config", "", "JSON file with any of these settings (keys as in README.md)"),
    ];

    /// <summary>Parses the command line and merges it over the config file and the environment.</summary>
    /// <exception cref="OptionException">With a one-line message for the user.</exception>
    public static NodeSettings Parse(string[] args, IDictionary<string, string?>? environmentOverride = null)
    {
        var cmd = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        string? configFile = null;
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            if (arg == "--dev") { cmd["Dev"] = "true"; continue; }
            string name = arg;
            string? value = null;
            int eq = arg.IndexOf('=');
            if (eq > 0) { name = arg[..eq]; value = arg[(eq + 1)..]; }
            int o = Array.FindIndex(Options, x => x.Option == name);
            if (o < 0) throw new OptionException($"unknown option '{name}' (tachyon --help lists them)");
            if (value == null)
            {
                if (i + 1 >= args.Length) throw new OptionException($"option {name} needs a value");
                value = args[++i];
            }
            if (name == "--config") configFile = value;
            else cmd[Options[o].Key] = value;
        }

        var builder = new ConfigurationBuilder();
        if (configFile != null)
        {
            string path = Path.GetFullPath(configFile);
            if (!File.Exists(path)) throw new OptionException($"config file {path} does not exist");
            builder.AddJsonFile(path, optional: false);
        }
        if (environmentOverride != null) builder.AddInMemoryCollection(environmentOverride);
        else builder.AddEnvironmentVariables("TACHYON_");
        builder.AddInMemoryCollection(cmd);
        IConfiguration c;
        try { c = builder.Build(); }
        catch (Exception e) when (e is FormatException or InvalidDataException or IOException)
        {
            throw new OptionException($"config file {configFile}: {e.Message}");
        }
        return FromConfiguration(c);
    }

    private static NodeSettings FromConfiguration(IConfiguration c)
    {
        var s = new NodeSettings();
        s = s with
        {
            Dev = Bool(c, "Dev", false),
            GenesisFile = c["Genesis"] is { Length: > 0 } g ? g : null,
            DataDir = c["DataDir"] is { Length: > 0 } d ? d : s.DataDir,
            HttpAddr = c["Http:Addr"] is { Length: > 0 } a ? a : s.HttpAddr,
            HttpPort = (int)Number(c, "Http:Port", (ulong)s.HttpPort, 0, 65535),
            MiniBlockMs = (int)Number(c, "MiniBlockMs", (ulong)s.MiniBlockMs, 1, 60_000),
            BlockMs = (int)Number(c, "BlockMs", (ulong)s.BlockMs, 1, 3_600_000),
            ChainId = c["ChainId"] is null ? null : Number(c, "ChainId", 0, 1, ulong.MaxValue),
            BlockGasLimit = Number(c, "BlockGasLimit", s.BlockGasLimit, 5_000, long.MaxValue),
            RpcGasCap = Number(c, "RpcGasCap", s.RpcGasCap, 21_000, long.MaxValue),
            Mnemonic = c["Mnemonic"] is { Length: > 0 } m ? m : s.Mnemonic,
            DevAccounts = (int)Number(c, "DevAccounts", (ulong)s.DevAccounts, 0, 1000),
            DevBalanceEth = Number(c, "DevBalanceEth", s.DevBalanceEth, 0, 1_000_000_000_000),
            HistoryBlocks = (int)Number(c, "HistoryBlocks", (ulong)s.HistoryBlocks, 1, 1_000_000),
            RecentTxs = (int)Number(c, "RecentTxs", (ulong)s.RecentTxs, 1, 1_000_000_000),
            ExecThreads = (int)Number(c, "ExecThreads", (ulong)s.ExecThreads, 1, 256),
            LogLevel = c["LogLevel"] is { Length: > 0 } l ? l : s.LogLevel,
            Durability = c["Durability"]?.ToLowerInvariant() switch
            {
                null or "sync" => DurabilityMode.Sync,
                "async" => DurabilityMode.Async,
                var other => throw new OptionException($"durability must be sync or async, not '{other}'"),
            },
        };
        if (s.MiniBlockMs > s.BlockMs)
            throw new OptionException($"--mini-block-ms ({s.MiniBlockMs}) must not exceed --block-ms ({s.BlockMs})");
        if (!Enum.TryParse<Microsoft.Extensions.Logging.LogLevel>(s.LogLevel, ignoreCase: true, out _))
            throw new OptionException($"log level '{s.LogLevel}' is not one of Trace, Debug, Information, Warning, Error");
        return s;
    }

    private static bool Bool(IConfiguration c, string key, bool fallback) => c[key] switch
    {
        null => fallback,
        var v when bool.TryParse(v, out bool b) => b,
        var v => throw new OptionException($"{key}: '{v}' is not true or false"),
    };

    private static ulong Number(IConfiguration c, string key, ulong fallback, ulong min, ulong max)
    {
        string? v = c[key];
        if (v is null) return fallback;
        if (!ulong.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out ulong n))
            throw new OptionException($"{OptionName(key)}: '{v}' is not a whole number");
        if (n < min || n > max) throw new OptionException($"{OptionName(key)}: {n} is outside {min}..{max}");
        return n;
    }

    private static string OptionName(string key)
    {
        foreach (var o in Options) if (o.Key == key) return o.Option;
        return key;
    }
}

/// <summary>A bad option or setting; the message is shown to the user as is.</summary>
public sealed class OptionException(string message) : Exception(message);
