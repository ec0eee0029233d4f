using System.Reflection;

namespace Tachyon.Node;

/// <summary>
/// The one executable, `tachyon`. With no subcommand (or --dev) it runs the node (Host/NodeCommand);
/// subcommands (statetest, bench, load) are added by their issues.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        string version = typeof(Program).Assembly
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        if (args.Length > 0 && (args[0] is "--version" or "-v" or "version"))
        {
            Console.WriteLine($"tachyon {version}");
            return 0;
        }
        if (args.Length > 0 && (args[0] is "--help" or "-h" or "help"))
        {
            PrintUsage(version);
            return 0;
        }
        if (args.Length == 0 || args[0].StartsWith('-')) return Host.NodeCommand.Run(args, version);
        if (args[0] == "statetest")
            return Tachyon.Evm.StateTests.StateTestRunner.Main(args[1..], Console.Out, Console.Error);
        if (args.Length >= 2 && args[0] == "bench" && args[1] == "storage") return BenchStorageCommand.Run(args[2..]);
        if (args.Length >= 2 && args[0] == "bench" && args[1] == "execute") return BenchExecuteCommand.Run(args[2..]);
        if (args[0] == "load") return Tachyon.Load.Load.LoadCommand.Main(args[1..]);
        if (args[0] == "probe") return Tachyon.Load.Probe.ProbeCommand.Main(args[1..]);
        if (args[0] == "compare") return Tachyon.Load.Compare.CompareCommand.Main(args[1..]);
        Console.Error.WriteLine($"tachyon: unknown command '{args[0]}'");
        PrintUsage(version);
        return 2;
    }

    private static void PrintUsage(string version)
    {
        Console.WriteLine($"tachyon {version}");
        Console.WriteLine("usage: tachyon [--dev] [options]            run the node (dev chain unless --genesis is given)");
        foreach (var (option, _, help) in Host.NodeSettings.Options)
            Console.WriteLine($"         {option,-18} {help}");
        Console.WriteLine("         (also TACHYON_<KEY> environment variables, e.g. TACHYON_DATADIR, TACHYON_HTTP__PORT)");
        Console.WriteLine("       tachyon --version | --help");
        Console.WriteLine("       tachyon statetest [--fork Cancun|Prague] [--test NAME] [--d N --g N --v N] [--trace | --trace-file PATH] PATH...");
        Console.WriteLine("       " + Tachyon.Load.Load.LoadOptions.Usage);
        Console.WriteLine("       " + Tachyon.Load.Probe.ProbeCommand.Usage);
        Console.WriteLine("       " + Tachyon.Load.Compare.CompareCommand.Usage);
        Console.WriteLine("       tachyon bench storage [--accounts N] [--blocks N] [--updates-per-block N] [--datadir PATH] [--json FILE] [--durability sync|async]");
        Console.WriteLine("       tachyon bench execute [--workload transfer|erc20|swap|mixed|dependent] [--engine block|stream] [--txs N] [--threads 1,2,4,8,16] [--hot-ratio R] [--blocks B] [--rounds R] [--seed S] [--json FILE]");
    }
}
