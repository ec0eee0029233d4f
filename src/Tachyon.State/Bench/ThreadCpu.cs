using System.Globalization;

namespace Tachyon.State.Bench;

/// <summary>
/// CPU time of this process's threads grouped by thread name, from /proc/self/task/*/stat (Linux;
/// empty elsewhere). On a shared 2-core box wall-clock phases mostly measure waiting for a core;
/// CPU time says which thread actually costs what. Threads that exit between snapshots are lost.
/// </summary>
internal static class ThreadCpu
{
    private static readonly double TicksPerMs = 100 / 1000.0; // USER_HZ is 100 on Linux

    /// <summary>Milliseconds of user + system CPU per thread name.</summary>
    public static Dictionary<string, double> Snapshot()
    {
        var byName = new Dictionary<string, double>();
        const string tasks = "/proc/self/task";
        if (!Directory.Exists(tasks)) return byName;
        foreach (string dir in Directory.EnumerateDirectories(tasks))
        {
            string stat;
            try { stat = File.ReadAllText(Path.Combine(dir, "stat")); }
            catch (IOException) { continue; } // the thread exited
            // "tid (comm) state ..." — comm may hold spaces and parentheses: split at the last ')'.
            int open = stat.IndexOf('('), close = stat.LastIndexOf(')');
            if (open < 0 || close < open) continue;
            string name = stat[(open + 1)..close];
            string[] f = stat[(close + 2)..].Split(' ');
            // Fields after comm start at 3 (state); utime and stime are fields 14 and 15.
            if (f.Length < 13) continue;
            double ms = (long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture)) / TicksPerMs;
            byName[name] = byName.GetValueOrDefault(name) + ms;
        }
        return byName;
    }

    /// <summary>"name ms/block" for the busiest thread groups between two snapshots, busiest first.</summary>
    public static string PerBlock(Dictionary<string, double> before, Dictionary<string, double> after, int blocks, int top = 8)
    {
        var rows = new List<(string Name, double Ms)>();
        double total = 0;
        foreach (var (name, ms) in after)
        {
            double d = ms - before.GetValueOrDefault(name);
            total += d;
            if (d > 0) rows.Add((name, d / blocks));
        }
        rows.Sort((a, b) => b.Ms.CompareTo(a.Ms));
        var parts = new List<string> { $"all threads {total / blocks:F0}" };
        for (int i = 0; i < rows.Count && i < top; i++) parts.Add($"{rows[i].Name} {rows[i].Ms:F0}");
        return string.Join(", ", parts);
    }
}
