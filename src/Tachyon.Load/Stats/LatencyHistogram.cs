using System.Numerics;

namespace Tachyon.Load.Stats;

/// <summary>
/// A log-linear histogram of non-negative integer values (microseconds here), HdrHistogram-style:
/// values below 128 are exact; above, each power of two is split into 64 buckets, so a reported
/// percentile is within 1/64 (1.6%) above the true value. Recording is lock-free and allocation-free
/// (one Interlocked add per value), so many sender tasks can share one instance.
/// </summary>
public sealed class LatencyHistogram
{
    private const int SubBits = 6;                  // 64 buckets per power of two
    private const int Sub = 1 << SubBits;
    private const int Buckets = (64 - SubBits) * Sub + Sub;

    private readonly long[] _counts = new long[Buckets];
    private long _count, _sum, _max, _min = long.MaxValue;

    public long Count => Interlocked.Read(ref _count);
    public long Max => Count == 0 ? 0 : Interlocked.Read(ref _max);
    public long Min => Count == 0 ? 0 : Interlocked.Read(ref _min);
    public double Mean => Count == 0 ? 0 : (double)Interlocked.Read(ref _sum) / Count;

    public void Record(long value)
    {
        if (value < 0) value = 0;
        Interlocked.Increment(ref _counts[IndexOf(value)]);
        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _sum, value);
        long m = Volatile.Read(ref _max);
        while (value > m && Interlocked.CompareExchange(ref _max, value, m) != m) m = Volatile.Read(ref _max);
        m = Volatile.Read(ref _min);
        while (value < m && Interlocked.CompareExchange(ref _min, value, m) != m) m = Volatile.Read(ref _min);
    }

    /// <summary>
    /// The value at percentile <paramref name="p"/> (0..100]: the highest value of the bucket holding the
    /// ceil(p% × count)-th smallest value, capped at the recorded maximum. 0 when empty.
    /// </summary>
    public long Percentile(double p)
    {
        if (p is <= 0 or > 100) throw new ArgumentOutOfRangeException(nameof(p), "percentile must be in (0, 100]");
        long count = Count;
        if (count == 0) return 0;
        long rank = Math.Max(1, (long)Math.Ceiling(p / 100.0 * count));
        long seen = 0;
        for (int i = 0; i < Buckets; i++)
        {
            seen += Volatile.Read(ref _counts[i]);
            if (seen >= rank) return Math.Min(HighestOf(i), Max);
        }
        return Max;
    }

    public void Add(LatencyHistogram other)
    {
        for (int i = 0; i < Buckets; i++)
        {
            long c = Volatile.Read(ref other._counts[i]);
            if (c != 0) Interlocked.Add(ref _counts[i], c);
        }
        Interlocked.Add(ref _count, other.Count);
        Interlocked.Add(ref _sum, Interlocked.Read(ref other._sum));
        if (other.Count > 0)
        {
            if (other.Max > _max) _max = other.Max;
            if (other.Min < _min) _min = other.Min;
        }
    }

    internal static int IndexOf(long value)
    {
        if (value < 2 * Sub) return (int)value;
        int msb = 63 - BitOperations.LeadingZeroCount((ulong)value);
        int shift = msb - SubBits;                      // value >> shift is in [64, 128)
        return shift * Sub + (int)(value >> shift);
    }

    /// <summary>The largest value that maps to bucket <paramref name="index"/>.</summary>
    internal static long HighestOf(int index)
    {
        if (index < 2 * Sub) return index;
        int shift = index / Sub - 1;
        long sub = index % Sub + Sub;
        return ((sub + 1) << shift) - 1;
    }
}
