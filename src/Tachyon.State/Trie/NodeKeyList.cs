using System.Collections;
using System.Collections.Concurrent;

namespace Tachyon.State.Trie;

/// <summary>
/// An unordered, append-only bag of node keys in fixed-size pooled segments: merging moves the
/// other bag's segments over instead of copying, and <see cref="Release"/> (once the pruner is
/// done with a block's deaths) returns them for the next block. ~40k keys of 56 bytes die per
/// 10k-update block; growing lists for them were a large share of the root stage's allocation.
/// </summary>
internal sealed class NodeKeyList : IEnumerable<NodeKey>
{
    // 1024 x 56 bytes: below the 85 KB large-object threshold.
    private const int SegmentSize = 1024;
    // At most ~56 MiB kept for reuse (a history window of 16 blocks holds ~600 segments in use).
    private const int MaxPooledSegments = 1024;
    private static readonly ConcurrentQueue<NodeKey[]> Pool = new();
    private static int _pooled;

    private readonly List<NodeKey[]> _segments = new();
    private readonly List<int> _counts = new();

    public int Count { get; private set; }

    public void Add(in NodeKey key)
    {
        int last = _segments.Count - 1;
        if (last < 0 || _counts[last] == SegmentSize)
        {
            _segments.Add(Rent());
            _counts.Add(0);
            last++;
        }
        _segments[last][_counts[last]++] = key;
        Count++;
    }

    /// <summary>Moves <paramref name="other"/>'s keys here; other ends empty. Our partly filled last segment stays partly filled.</summary>
    public void AddFrom(NodeKeyList other)
    {
        if (other.Count == 0) return;
        _segments.AddRange(other._segments);
        _counts.AddRange(other._counts);
        Count += other.Count;
        other.Clear();
    }

    /// <summary>Returns the segments to the pool; the list ends empty. Keys read before stay valid copies.</summary>
    public void Release()
    {
        foreach (var s in _segments)
        {
            if (Interlocked.Increment(ref _pooled) > MaxPooledSegments) Interlocked.Decrement(ref _pooled);
            else Pool.Enqueue(s);
        }
        Clear();
    }

    private void Clear()
    {
        _segments.Clear();
        _counts.Clear();
        Count = 0;
    }

    private static NodeKey[] Rent()
    {
        if (Pool.TryDequeue(out var s))
        {
            Interlocked.Decrement(ref _pooled);
            return s;
        }
        return new NodeKey[SegmentSize];
    }

    public Enumerator GetEnumerator() => new(_segments, _counts);

    IEnumerator<NodeKey> IEnumerable<NodeKey>.GetEnumerator()
    {
        for (int s = 0; s < _segments.Count; s++)
            for (int i = 0; i < _counts[s]; i++) yield return _segments[s][i];
    }

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable<NodeKey>)this).GetEnumerator();

    public struct Enumerator(List<NodeKey[]> segments, List<int> counts)
    {
        private int _segment, _index = -1;

        public readonly NodeKey Current => segments[_segment][_index];

        public bool MoveNext()
        {
            while (_segment < segments.Count)
            {
                if (++_index < counts[_segment]) return true;
                _segment++;
                _index = -1;
            }
            return false;
        }
    }
}
