using System.Globalization;
using Tachyon.State.Bench;
using Tachyon.State.Storage;

namespace Tachyon.Node;

/// <summary>`tachyon bench storage`: parses options and runs <see cref="StorageBenchmark"/>.</summary>
internal static class BenchStorageCommand
{
    public static int Run(string[] args)
    {
        var defaults = new StorageBenchmarkOptions();
        int accounts = defaults.Accounts, blocks = defaults.Blocks, updates = defaults.UpdatesPerBlock;
        int baselineAccounts = defaults.BaselineAccounts, baselineBlocks = defaults.BaselineBlocks;
        string dataDir = defaults.DataDir;
        string? json = null;
        var durability = defaults.Durability;
        bool keep = false;
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int NextInt() => int.Parse(Next(), NumberStyles.Integer, CultureInfo.InvariantCulture);
            try
            {
                switch (args[i])
                {
                    case "--accounts": accounts = NextInt(); break;
                    case "--blocks": blocks = NextInt(); break;
                    case "--updates-per-block": updates = NextInt(); break;
                    case "--baseline-accounts": baselineAccounts = NextInt(); break;
                    case "--baseline-blocks": baselineBlocks = NextInt(); break;
                    case "--datadir": dataDir = Next(); break;
                    case "--json": json = Next(); break;
                    case "--keep": keep = true; break;
                    case "--durability":
                        durability = Next() switch
                        {
                            "sync" => DurabilityMode.Sync,
                            "async" => DurabilityMode.Async,
                            var v => throw new ArgumentException($"--durability must be sync or async, not '{v}'"),
                        };
                        break;
                    default: throw new ArgumentException($"unknown option '{args[i]}'");
                }
            }
            catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
            {
                Console.Error.WriteLine($"tachyon bench storage: {e.Message}");
                return 2;
            }
        }
        StorageBenchmark.Run(new StorageBenchmarkOptions
        {
            Accounts = accounts,
            Blocks = blocks,
            UpdatesPerBlock = updates,
            BaselineAccounts = baselineAccounts,
            BaselineBlocks = baselineBlocks,
            DataDir = dataDir,
            JsonPath = json,
            Durability = durability,
            KeepData = keep,
        }, Console.Out);
        return 0;
    }
}
