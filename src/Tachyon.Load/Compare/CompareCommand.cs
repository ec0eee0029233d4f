using Tachyon.Load.Cli;

namespace Tachyon.Load.Compare;

/// <summary>`tachyon compare block|call|report`: the measurements scripts/compare-hardhat.sh runs on each node.</summary>
public static class CompareCommand
{
    public static readonly string Usage = string.Join("\n       ", BlockCommand.Usage, CallCommand.Usage, ReportCommand.Usage);

    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "block") ClientRuntime.ForLoad();
        string sub = args.Length > 0 ? args[0] : "";
        string[] rest = args.Length > 0 ? args[1..] : [];
        return sub switch
        {
            "block" => CommandRunner.Run("compare block", BlockCommand.Usage, rest, () => BlockCommand.MainAsync(rest)),
            "call" => CommandRunner.Run("compare call", CallCommand.Usage, rest, () => CallCommand.MainAsync(rest)),
            "report" => CommandRunner.Run("compare report", ReportCommand.Usage, rest, () => Task.FromResult(ReportCommand.Main(rest))),
            "--help" or "-h" => Help(),
            _ => Unknown(sub),
        };
    }

    private static int Help()
    {
        Console.WriteLine("usage: " + Usage);
        return 0;
    }

    private static int Unknown(string sub)
    {
        Console.Error.WriteLine($"tachyon compare: unknown subcommand '{sub}'");
        Console.Error.WriteLine("usage: " + Usage);
        return 2;
    }
}
