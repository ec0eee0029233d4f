using Tachyon.Load.Rpc;

namespace Tachyon.Load.Cli;

/// <summary>Runs a subcommand: --help, and every expected failure (bad options, node down, a failed setup) as one clear line and an exit code.</summary>
internal static class CommandRunner
{
    public static int Run(string command, string usage, string[] args, Func<Task<int>> body)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.WriteLine("usage: " + usage);
            return 0;
        }
        try
        {
            return body().GetAwaiter().GetResult();
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"tachyon {command}: {e.Message}");
            Console.Error.WriteLine("usage: " + usage);
            return 2;
        }
        catch (Exception e) when (e is RpcCallException or InvalidOperationException or TimeoutException or FormatException or IOException)
        {
            Console.Error.WriteLine($"tachyon {command}: {e.Message}");
            return 1;
        }
    }
}
