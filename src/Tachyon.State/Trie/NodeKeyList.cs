using System.Collections;

namespace Tachyon.State.Trie;

/// <summary>
/// An unordered, append-only bag of node keys built from segments: merging moves the other
/// bag's segments over instead of copying (per-subtrie and per-trie lists are merged several
/// times per block, and at ~20k keys of 56 bytes each the copies were the root stage's largest
/// allocation).
/// </summary>
internal sealed class NodeKeyList : IEnumerable<NodeKey>
{
    private readonly List<List<NodeKey>> _segments = new();
    private List<NodeKey>? _tail;

    public int Count { get; private set; }

    public void Add(in NodeKey key)
    {
        if (_tail == null) _segments.Add(_tail = new List<NodeKey>());
        _tail.Add(key);
        Count++;
    }

    /// <summary>Makes room for <paramref name="count"/> more keys in the current segment.</summary>
    public void Reserve(int count)
    {
        if (_tail == null) _segments.Add(_tail = new List<NodeKey>(count));
        else _tail.EnsureCapacity(_tail.Count + count);
    }

    /// <summary>Moves <paramref name="other"/>'s keys here; other ends empty.</summary>
    public void AddFrom(NodeKeyList other)
    {
        if (other.Count == 0) return;
        _segments.AddRange(other._segments);
        Count += other.Count;
        other._segments.Clear();
        other._tail = null;
        other.Count = 0;
    }

    public Enumerator GetEnumerator() => new(_segments);

    IEnumerator<NodeKey> IEnumerable<NodeKey>.GetEnumerator()
    {
        foreach (var s in _segments)
            foreach (var k in s) yield return k;
    }

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable<NodeKey>)this).GetEnumerator();

    public struct Enumerator(List<List<NodeKey>> segments)
    {
        private int _segment, _index = -1;

        public readonly NodeKey Current => segments[_segment][_index];

        public bool MoveNext()
        {
            while (_segment < segments.Count)
            {
                if (++_index < segments[_segment].Count) return true;
                _segment++;
                _index = -1;
            }
            return false;
        }
    }
}
