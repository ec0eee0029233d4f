namespace Tachyon.Execution;

/// <summary>
/// Wakes one waiting loop thread ("look again"); sets that arrive while nobody waits collapse into one.
/// Unlike <see cref="SemaphoreSlim"/>, a wait never spins or yields first: on a saturated machine
/// every yield handed the core to another thread (~70k sched_yield calls in a 10k-transaction
/// block), and the loops using this already spin on their own terms before they block.
/// </summary>
public sealed class WakeSignal : IDisposable
{
    private readonly ManualResetEventSlim _event = new(initialState: false, spinCount: 0);

    public void Set() => _event.Set();

    /// <summary>Blocks until set or <paramref name="milliseconds"/> pass; the caller then checks its work (a set during the check is kept).</summary>
    public bool Wait(int milliseconds)
    {
        bool set = _event.Wait(milliseconds);
        if (set) _event.Reset();
        return set;
    }

    public void Dispose() => _event.Dispose();
}
