using System.Runtime.InteropServices;

namespace Tachyon.State;

/// <summary>
/// Linux per-thread nice values (best effort; elsewhere, or when the call fails, nothing changes).
/// The state root is on the latency path of every block; the writer and RocksDB's flush and
/// compaction threads only need to keep up on average (back-pressure bounds how far behind they
/// may fall). On a 2-core box they all compete for the same cores, so the background threads
/// run at a higher nice value and the root stage gets a core first when both are runnable.
/// Unprivileged processes may raise a thread's nice value, never lower it.
/// </summary>
internal static partial class ThreadNice
{
    private const int PrioProcess = 0; // PRIO_PROCESS: "who" is a thread id on Linux

    /// <summary>Sets the calling thread's nice value; false if not supported or refused.</summary>
    public static bool SetCurrentThread(int nice)
    {
        if (!OperatingSystem.IsLinux() || nice == 0) return false;
        // who = 0 is the calling task, i.e. this thread: Linux keeps the nice value per thread.
        return setpriority(PrioProcess, 0, nice) == 0;
    }

    /// <summary>
    /// Sets the nice value of this process's threads whose name starts with <paramref name="prefix"/>
    /// (e.g. "rocksdb:", RocksDB's background pools, which exist once a database is open).
    /// Returns how many threads were changed.
    /// </summary>
    public static int SetThreadsNamed(string prefix, int nice)
    {
        const string tasks = "/proc/self/task";
        if (!OperatingSystem.IsLinux() || nice == 0 || !Directory.Exists(tasks)) return 0;
        int changed = 0;
        foreach (string dir in Directory.EnumerateDirectories(tasks))
        {
            string name;
            try { name = File.ReadAllText(Path.Combine(dir, "comm")).TrimEnd('\n'); }
            catch (IOException) { continue; } // the thread exited
            if (!name.StartsWith(prefix, StringComparison.Ordinal)) continue;
            if (uint.TryParse(Path.GetFileName(dir), out uint tid) && setpriority(PrioProcess, tid, nice) == 0) changed++;
        }
        return changed;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setpriority(int which, uint who, int prio);
}
