using Xunit;

namespace Tachyon.State.Tests;

public class ThreadNiceTests
{
    /// <summary>The nice value of one thread of this process (field 19 of /proc/self/task/TID/stat).</summary>
    private static int NiceOf(string taskDir)
    {
        string stat = File.ReadAllText(Path.Combine(taskDir, "stat"));
        string[] f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(f[16]); // fields after comm start at 3: nice is 19
    }

    private static string? TaskNamed(string name)
    {
        foreach (string dir in Directory.EnumerateDirectories("/proc/self/task"))
            if (File.Exists(Path.Combine(dir, "comm")) && File.ReadAllText(Path.Combine(dir, "comm")).TrimEnd('\n') == name) return dir;
        return null;
    }

    [Fact]
    public void Sets_the_calling_threads_nice_value_only()
    {
        if (!OperatingSystem.IsLinux()) return;
        bool set = false;
        int nice = -1;
        var t = new Thread(() =>
        {
            set = ThreadNice.SetCurrentThread(7);
            nice = NiceOf("/proc/thread-self");
        }) { Name = "nice-self-test" };
        t.Start();
        t.Join();
        Assert.True(set);
        Assert.Equal(7, nice);
        Assert.NotEqual(7, NiceOf("/proc/thread-self")); // the test thread is untouched
    }

    [Fact]
    public void Sets_the_nice_value_of_threads_by_name_prefix()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var named = new ManualResetEventSlim();
        using var done = new ManualResetEventSlim();
        var t = new Thread(() => { named.Set(); done.Wait(); }) { Name = "nicetest-worker" };
        t.Start();
        named.Wait();
        string? dir = TaskNamed("nicetest-worker");
        Assert.NotNull(dir);
        Assert.Equal(1, ThreadNice.SetThreadsNamed("nicetest-", 6));
        Assert.Equal(6, NiceOf(dir));
        Assert.Equal(0, ThreadNice.SetThreadsNamed("no-such-thread-", 6));
        done.Set();
        t.Join();
    }
}
