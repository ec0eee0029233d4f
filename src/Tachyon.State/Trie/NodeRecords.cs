using System.Collections.Concurrent;

namespace Tachyon.State.Trie;

/// <summary>
/// One block's new node records: keys as structs, encodings packed into pooled 64 KiB chunks
/// instead of one array per node (tens of thousands of mid-lived arrays per block otherwise
/// reach gen1/gen2 and dominate GC). Filled by one thread; read-only once published.
/// <see cref="Release"/> returns the chunks; a reader racing with it must re-check that the
/// records are still published after copying a value out (see LayeredState's pending reader).
/// </summary>
internal sealed class NodeRecords
{
    // Below the 85 KB large-object threshold: chunks live in the ordinary heap and get reused.
    private const int ChunkSize = 64 * 1024;
    // At most 64 MiB kept for reuse: a 1M-account block needs ~80-160 chunks, ~5 blocks are in flight.
    private const int MaxPooledChunks = 1024;
    private static readonly ConcurrentQueue<byte[]> Pool = new();
    private static int _pooled;

    // Entries in fixed segments, all full but the last: merges move whole segments instead of
    // copying, and no list regrows (tens of thousands of entries per block).
    private const int SegmentShift = 10, SegmentSize = 1 << SegmentShift;

    private readonly List<byte[]> _chunks = new();
    private readonly List<Entry[]> _segments = new();
    private int _count;
    private int _used = ChunkSize; // bytes used in the last chunk; full forces a new one
    private bool _released;

    // Key bytes (owner prefix || hash) precede the value in the chunk; 16-byte entries keep the index small.
    private readonly record struct Entry(int Chunk, int Offset, int KeyLength, int ValueLength);

    public int Count => _count;

    private ref Entry EntryAt(int i) => ref _segments[i >> SegmentShift][i & (SegmentSize - 1)];

    private void AddEntry(in Entry e)
    {
        if ((_count & (SegmentSize - 1)) == 0 && _count >> SegmentShift == _segments.Count) _segments.Add(new Entry[SegmentSize]);
        EntryAt(_count) = e;
        _count++;
    }

    public NodeKey KeyAt(int i)
    {
        NodeKey.TryParse(StoreKeyAt(i), out var key);
        return key;
    }

    /// <summary>The full store key (owner prefix || hash).</summary>
    public ReadOnlySpan<byte> StoreKeyAt(int i)
    {
        var e = EntryAt(i);
        return _chunks[e.Chunk].AsSpan(e.Offset, e.KeyLength);
    }

    public ReadOnlySpan<byte> ValueAt(int i)
    {
        var e = EntryAt(i);
        return _chunks[e.Chunk].AsSpan(e.Offset + e.KeyLength, e.ValueLength);
    }

    public void Add(in NodeKey key, ReadOnlySpan<byte> value)
    {
        if (_released) throw new InvalidOperationException("node records already released");
        int keyLength = key.Length, size = keyLength + value.Length;
        if (size > ChunkSize)
        {
            // Rare (huge leaf values): an array of its own, never pooled.
            _chunks.Add(new byte[size]);
            _used = ChunkSize; // the next add starts a new chunk
        }
        else if (_used + size > ChunkSize)
        {
            _chunks.Add(Rent());
            _used = 0;
        }
        int offset = size > ChunkSize ? 0 : _used;
        var dst = _chunks[^1].AsSpan(offset, size);
        key.WriteTo(dst);
        value.CopyTo(dst[keyLength..]);
        AddEntry(new Entry(_chunks.Count - 1, offset, keyLength, value.Length));
        if (size <= ChunkSize) _used += size;
    }

    /// <summary>Takes over <paramref name="other"/>'s records and chunks without copying; other ends empty.</summary>
    public void Adopt(NodeRecords other)
    {
        if (_released || other._released) throw new InvalidOperationException("node records already released");
        if (other._chunks.Count == 0) return; // keep filling our own last chunk
        int shift = _chunks.Count;
        _chunks.AddRange(other._chunks);
        // Record order does not matter: other's full segments go in before our partly filled
        // last one (ours are all full otherwise), and only other's last segment is copied.
        int otherFull = other._count >> SegmentShift;
        for (int s = 0; s < otherFull; s++)
        {
            var seg = other._segments[s];
            for (int j = 0; j < seg.Length; j++) seg[j] = seg[j] with { Chunk = seg[j].Chunk + shift };
        }
        int ourFull = _count >> SegmentShift;
        _segments.InsertRange(ourFull, other._segments.GetRange(0, otherFull));
        _count += otherFull << SegmentShift;
        for (int i = otherFull << SegmentShift; i < other._count; i++)
        {
            var e = other.EntryAt(i);
            AddEntry(e with { Chunk = e.Chunk + shift });
        }
        // Keep filling other's last chunk; the tail of our previous last chunk is given up.
        _used = other._used;
        other._chunks.Clear();
        other._segments.Clear();
        other._count = 0;
        other._used = ChunkSize;
    }

    /// <summary>Returns the chunks to the pool (once). Entries and chunk list stay so racing readers never index out of range.</summary>
    public void Release()
    {
        if (_released) return;
        _released = true;
        foreach (var c in _chunks)
        {
            if (c.Length != ChunkSize || Interlocked.Increment(ref _pooled) > MaxPooledChunks)
            {
                if (c.Length == ChunkSize) Interlocked.Decrement(ref _pooled);
                continue;
            }
            Pool.Enqueue(c);
        }
    }

    private static byte[] Rent()
    {
        if (Pool.TryDequeue(out var c))
        {
            Interlocked.Decrement(ref _pooled);
            return c;
        }
        return new byte[ChunkSize];
    }
}
