using System.Diagnostics;

namespace Tachyon.Execution.Tests;

/// <summary>A set before the wait is kept (no lost wake-up), sets collapse into one, an unset wait times out.</summary>
public sealed class WakeSignalTests
{
    [Fact]
    public void A_set_before_the_wait_returns_at_once_and_sets_collapse()
    {
        using var s = new WakeSignal();
        s.Set();
        s.Set();
        Assert.True(s.Wait(10_000));
        Assert.False(s.Wait(0)); // two sets, one wake-up: the waiter rechecks its work anyway
    }

    [Fact]
    public void An_unset_wait_times_out()
    {
        using var s = new WakeSignal();
        long t0 = Stopwatch.GetTimestamp();
        Assert.False(s.Wait(30));
        Assert.True(Stopwatch.GetElapsedTime(t0).TotalMilliseconds >= 25);
    }

    [Fact]
    public async Task A_set_from_another_thread_wakes_the_waiter()
    {
        using var s = new WakeSignal();
        Task<bool> waiter = Task.Factory.StartNew(() => s.Wait(30_000), TaskCreationOptions.LongRunning);
        await Task.Delay(20);
        s.Set();
        Assert.True(await waiter.WaitAsync(TimeSpan.FromSeconds(30)));
    }
}
