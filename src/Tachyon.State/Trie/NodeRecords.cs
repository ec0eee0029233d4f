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

    private readonly List<byte[]> _chunks = new();
    private readonly List<Entry> _entries = new();
    private int _used = ChunkSize; // bytes used in the last chunk; full forces a new one
    private bool _released;

    // Key bytes (owner prefix || hash) precede the value in the chunk; 16-byte entries keep the index small.
    private readonly record struct Entry(int Chunk, int Offset, int KeyLength, int ValueLength);

    public int Count => _entries.Count;

    public NodeKey KeyAt(int i)
    {
        NodeKey.TryParse(StoreKeyAt(i), out var key);
        return key;
    }

    /// <summary>The full store key (owner prefix || hash).</summary>
    public ReadOnlySpan<byte> StoreKeyAt(int i)
    {
        var e = _entries[i];
        return _chunks[e.Chunk].AsSpan(e.Offset, e.KeyLength);
    }

    public ReadOnlySpan<byte> ValueAt(int i)
    {
        var e = _entries[i];
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
        _entries.Add(new Entry(_chunks.Count - 1, offset, keyLength, value.Length));
        if (size <= ChunkSize) _used += size;
    }

    /// <summary>Takes over <paramref name="other"/>'s records and chunks without copying; other ends empty.</summary>
    public void Adopt(NodeRecords other)
    {
        if (_released || other._released) throw new InvalidOperationException("node records already released");
        if (other._chunks.Count == 0) return; // keep filling our own last chunk
        int shift = _chunks.Count;
        _chunks.AddRange(other._chunks);
        _entries.EnsureCapacity(_entries.Count + other._entries.Count);
        foreach (var e in other._entries) _entries.Add(e with { Chunk = e.Chunk + shift });
        // Keep filling other's last chunk; the tail of our previous last chunk is given up.
        _used = other._used;
        other._chunks.Clear();
        other._entries.Clear();
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
