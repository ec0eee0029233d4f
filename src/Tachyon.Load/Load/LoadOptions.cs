using Tachyon.Load.Chain;
using Tachyon.Load.Cli;

namespace Tachyon.Load.Load;

/// <summary>The options of `tachyon load`, parsed and checked.</summary>
public sealed class LoadOptions
{
    public Uri Rpc { get; set; } = null!;
    public WorkloadKind Workload { get; set; } = WorkloadKind.Transfer;
    public int Accounts { get; set; } = 100;
    public double? Rate { get; set; }
    public bool Max { get; set; }
    public double DurationSeconds { get; set; } = 10;
    public byte[] FunderKey { get; set; } = LoadAccount.DevKey0;
    public int Connections { get; set; } = 16;
    /// <summary>Closed loop: requests in flight (default 4 per connection).</summary>
    public int? InFlight { get; set; }
    public bool WebSocket { get; set; }
    public bool Sync { get; set; }
    public bool Legacy { get; set; }
    /// <summary>Closed loop: how many transactions to pre-sign (default 10,000 per second of duration).</summary>
    public long? Txs { get; set; }
    public double DrainSeconds { get; set; } = 30;
    public int PollMs { get; set; } = 5;
    public ulong? Seed { get; set; }
    public string? JsonPath { get; set; }
    public string? PlotPath { get; set; }

    public const string Usage =
        "tachyon load --rpc URL --workload transfer|erc20|swap --accounts K (--rate R | --max) --duration S\n" +
        "             [--key 0x..funder] [--connections C] [--inflight N] [--ws] [--sync] [--legacy] [--txs N]\n" +
        "             [--drain S] [--poll-ms MS] [--seed N] [--json FILE] [--plot FILE.png]";

    /// <summary>The URL the senders use: --ws turns http(s):// into ws(s):// on the same host and port.</summary>
    public Uri SendUrl => WebSocket && Rpc.Scheme is "http" or "https"
        ? new UriBuilder(Rpc) { Scheme = Rpc.Scheme == "https" ? "wss" : "ws" }.Uri
        : Rpc;

    /// <summary>The HTTP form of --rpc (block polling uses JSON-RPC batches over HTTP; nodes serve both on one port).</summary>
    public Uri HttpUrl => Rpc.Scheme is "ws" or "wss"
        ? new UriBuilder(Rpc) { Scheme = Rpc.Scheme == "wss" ? "https" : "http" }.Uri
        : Rpc;

    public int InFlightOrDefault => InFlight ?? Connections * 4;

    /// <summary>Transactions per account to pre-sign.</summary>
    public int Rounds
    {
        get
        {
            double total = Rate is double r ? Math.Ceiling(r * DurationSeconds) : Txs ?? (long)(10_000 * DurationSeconds);
            return (int)Math.Max(1, Math.Ceiling(total / Accounts));
        }
    }

    public static LoadOptions Parse(string[] args)
    {
        var o = new LoadOptions();
        var r = new ArgReader("load", args);
        bool rpcSet = false;
        while (r.Next())
        {
            switch (r.Current)
            {
                case "--rpc": o.Rpc = r.Url(); rpcSet = true; break;
                case "--workload": o.Workload = Load.Workload.Parse(r.Value()); break;
                case "--accounts": o.Accounts = r.Int(1, 100_000); break;
                case "--rate": o.Rate = r.Double(0.1, 10_000_000); break;
                case "--max": o.Max = true; break;
                case "--duration": o.DurationSeconds = r.Double(0.1, 86_400); break;
                case "--key": o.FunderKey = r.Key(); break;
                case "--connections": o.Connections = r.Int(1, 4096); break;
                case "--inflight": o.InFlight = r.Int(1, 100_000); break;
                case "--ws": o.WebSocket = true; break;
                case "--sync": o.Sync = true; break;
                case "--legacy": o.Legacy = true; break;
                case "--txs": o.Txs = r.Long(1, 50_000_000); break;
                case "--drain": o.DrainSeconds = r.Double(0, 3600); break;
                case "--poll-ms": o.PollMs = r.Int(1, 10_000); break;
                case "--seed": o.Seed = (ulong)r.Long(0, long.MaxValue); break;
                case "--json": o.JsonPath = r.Value(); break;
                case "--plot": o.PlotPath = r.Value(); break;
                default: throw r.Unknown();
            }
        }
        if (!rpcSet) throw new UsageException("--rpc URL is required");
        if (o.Rate is null == !o.Max) throw new UsageException("give exactly one of --rate R (open loop) and --max (closed loop)");
        if (o.Rate is not null && o.Txs is not null) throw new UsageException("--txs is for --max; with --rate the count is rate × duration");
        if ((long)o.Rounds * o.Accounts > 50_000_000) throw new UsageException("that is more than 50 million transactions to pre-sign; lower --rate, --duration or --txs");
        if (o.PlotPath is string p && !p.EndsWith(".png", StringComparison.OrdinalIgnoreCase)) throw new UsageException("--plot must name a .png file");
        return o;
    }
}
