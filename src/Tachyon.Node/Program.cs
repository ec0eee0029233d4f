using System.Reflection;

namespace Tachyon.Node;

/// <summary>
/// The one executable, `tachyon`. With no subcommand (or --dev) it will run the node;
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
        if (args.Length == 0 || args[0].StartsWith('-'))
        {
            // The node host lands with the node issue; until then the default command reports the version.
            Console.WriteLine($"tachyon {version}");
            Console.WriteLine("the node (JSON-RPC on 127.0.0.1:8545) is not implemented yet in this build");
            return 0;
        }
        if (args[0] == "statetest")
            return Tachyon.Evm.StateTests.StateTestRunner.Main(args[1..], Console.Out, Console.Error);
        if (args.Length >= 2 && args[0] == "bench" && args[1] == "storage") return BenchStorageCommand.Run(args[2..]);
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
        Console.WriteLine("usage: tachyon [--dev] | --version | --help");
        Console.WriteLine("       tachyon statetest [--fork Cancun|Prague] [--test NAME] [--d N --g N --v N] [--trace | --trace-file PATH] PATH...");
        Console.WriteLine("       " + Tachyon.Load.Load.LoadOptions.Usage);
        Console.WriteLine("       " + Tachyon.Load.Probe.ProbeCommand.Usage);
        Console.WriteLine("       " + Tachyon.Load.Compare.CompareCommand.Usage);
        Console.WriteLine("       tachyon bench storage [--accounts N] [--blocks N] [--updates-per-block N] [--datadir PATH] [--json FILE] [--durability sync|async]");
    }
}
