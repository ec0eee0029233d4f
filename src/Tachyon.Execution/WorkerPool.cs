using System.Runtime.ExceptionServices;

namespace Tachyon.Execution;

/// <summary>
/// A fixed set of background threads created once; <see cref="Run"/> runs one body on all of them
/// plus the calling thread (worker 0) and returns when every one has finished.
/// </summary>
internal sealed class WorkerPool : IDisposable
{
    private readonly Thread[] _threads;
    private readonly SemaphoreSlim[] _start;
    private readonly CountdownEvent _finished;
    private Action<int>? _body;
    private Exception? _error;
    private volatile bool _disposed;

    public int Size { get; }

    public WorkerPool(int size)
    {
        Size = Math.Max(1, size);
        _threads = new Thread[Size - 1];
        _start = new SemaphoreSlim[Size - 1];
        _finished = new CountdownEvent(1);
        for (int i = 0; i < _threads.Length; i++)
        {
            int id = i + 1;
            _start[i] = new SemaphoreSlim(0);
            _threads[i] = new Thread(() => Loop(id)) { IsBackground = true, Name = "blockstm-" + id };
            _threads[i].Start();
        }
    }

    private void Loop(int id)
    {
        while (true)
        {
            _start[id - 1].Wait();
            if (_disposed) return;
            try
            {
                _body!(id);
            }
            catch (Exception ex)
            {
                Interlocked.CompareExchange(ref _error, ex, null);
            }
            _finished.Signal();
        }
    }

    public void Run(Action<int> body)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _body = body;
        _error = null;
        if (_threads.Length > 0)
        {
            _finished.Reset(_threads.Length);
            foreach (SemaphoreSlim s in _start) s.Release();
        }
        try
        {
            body(0);
        }
        catch (Exception ex)
        {
            Interlocked.CompareExchange(ref _error, ex, null);
        }
        if (_threads.Length > 0) _finished.Wait();
        _body = null;
        if (_error is { } e) ExceptionDispatchInfo.Capture(e).Throw();
    }

    /// <summary>Runs <paramref name="body"/> on the background threads only (ids 1..Size-1) and returns at once; <see cref="Join"/> waits.</summary>
    public void Start(Action<int> body)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_threads.Length == 0) throw new InvalidOperationException("a detached run needs background threads");
        _body = body;
        _error = null;
        _finished.Reset(_threads.Length);
        foreach (SemaphoreSlim s in _start) s.Release();
    }

    /// <summary>Waits for the run begun by <see cref="Start"/>; rethrows a worker's exception.</summary>
    public void Join()
    {
        _finished.Wait();
        _body = null;
        if (_error is { } e) ExceptionDispatchInfo.Capture(e).Throw();
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (SemaphoreSlim s in _start) s.Release();
        foreach (Thread t in _threads) t.Join();
        foreach (SemaphoreSlim s in _start) s.Dispose();
        _finished.Dispose();
    }
}
