using System.Collections.Concurrent;

namespace Tachyon.Execution;

/// <summary>
/// The multi-version memory's index: location → <see cref="VersionList"/>. Insert-only during a block
/// (a compare-and-swap on the bucket head), reset between blocks. Lists come from a pool kept across
/// blocks, so steady-state blocks allocate neither lists nor nodes.
/// </summary>
internal sealed class LocationTable
{
    private VersionList?[] _buckets = new VersionList?[1024];
    private int _mask = 1023;
    private VersionList[] _pool = [];
    private int _rented;
    private readonly ConcurrentQueue<VersionList> _overflow = new();

    /// <summary>Empties the table (single-threaded, between blocks), sized for about <paramref name="expected"/> locations.</summary>
    public void Reset(int expected)
    {
        int used = Math.Min(_rented, _pool.Length);
        for (int i = 0; i < used; i++) _pool[i].Reset();
        int want = Math.Max(expected, _rented);
        if (_pool.Length < want)
        {
            int old = _pool.Length;
            Array.Resize(ref _pool, want);
            for (int i = old; i < want; i++) _pool[i] = new VersionList();
        }
        _overflow.Clear();
        _rented = 0;
        int buckets = (int)Math.Min(1 << 30, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(1024, expected * 2)));
        if (_buckets.Length < buckets) _buckets = new VersionList?[buckets];
        else Array.Clear(_buckets);
        _mask = _buckets.Length - 1;
    }

    private int Bucket(in StateLocation key)
    {
        uint h = (uint)key.GetHashCode();
        return (int)((h ^ (h >> 15)) * 0x9E3779B1u >> 7) & _mask;
    }

    public VersionList? Find(in StateLocation key)
    {
        for (VersionList? n = Volatile.Read(ref _buckets[Bucket(key)]); n != null; n = n.Next)
            if (n.Key.Equals(key)) return n;
        return null;
    }

    public VersionList GetOrAdd(in StateLocation key)
    {
        ref VersionList? head = ref _buckets[Bucket(key)];
        VersionList? fresh = null;
        while (true)
        {
            VersionList? first = Volatile.Read(ref head);
            for (VersionList? n = first; n != null; n = n.Next)
                if (n.Key.Equals(key)) return n; // a rented-but-lost list stays empty and is skipped by readers of All
            fresh ??= Rent();
            fresh.Key = key;
            fresh.Next = first;
            if (Interlocked.CompareExchange(ref head, fresh, first) == first) return fresh;
        }
    }

    private VersionList Rent()
    {
        int i = Interlocked.Increment(ref _rented) - 1;
        if (i < _pool.Length) return _pool[i];
        var list = new VersionList();
        _overflow.Enqueue(list);
        return list;
    }

    /// <summary>Every list handed out this block (some may be empty); only after the workers stopped.</summary>
    public IEnumerable<VersionList> All()
    {
        int used = Math.Min(_rented, _pool.Length);
        for (int i = 0; i < used; i++) yield return _pool[i];
        foreach (VersionList l in _overflow) yield return l;
    }
}
