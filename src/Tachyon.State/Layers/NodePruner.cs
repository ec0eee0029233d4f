using RocksDbSharp;
using Tachyon.State.Trie;

namespace Tachyon.State.Layers;

/// <summary>
/// Deletes trie node records once no root in the history window references them. A record
/// dies in block B when B replaces or removes it; it is deleted with the batch of block
/// B+N-1 unless a later block wrote it again (a resurrected record cancels its death).
/// Deaths are kept in memory only: a crash leaks those records (garbage, never corruption).
/// </summary>
internal sealed class NodePruner(int window)
{
    private readonly Dictionary<byte[], ulong> _pending = new(ByteArrayComparer.Instance);
    private readonly Queue<(ulong Block, List<byte[]> Keys)> _deaths = new();

    public int PendingCount => _pending.Count;

    public void Record(ulong block, TrieChanges changes)
    {
        // Deaths first: a record both killed and written in one block is alive.
        foreach (var k in changes.DeadNodes) _pending[k] = block;
        foreach (var kv in changes.NewNodes) _pending.Remove(kv.Key);
        if (changes.DeadNodes.Count > 0) _deaths.Enqueue((block, changes.DeadNodes));
    }

    /// <summary>Adds deletes for records that died in blocks at or before head-N+1.</summary>
    public int Prune(ulong head, WriteBatch batch, ColumnFamilyHandle trieCf)
    {
        int deleted = 0;
        while (_deaths.Count > 0 && _deaths.Peek().Block + (ulong)window <= head + 1)
        {
            var (block, keys) = _deaths.Dequeue();
            foreach (var k in keys)
            {
                if (_pending.TryGetValue(k, out ulong b) && b == block)
                {
                    _pending.Remove(k);
                    batch.Delete(k, trieCf);
                    deleted++;
                }
            }
        }
        return deleted;
    }
}

internal sealed class ByteArrayComparer : IEqualityComparer<byte[]>
{
    public static readonly ByteArrayComparer Instance = new();

    public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

    // Keys end in a hash: its last bytes are already uniform.
    public int GetHashCode(byte[] obj) =>
        obj.Length >= 4 ? BitConverter.ToInt32(obj, obj.Length - 4) : obj.Length;
}
