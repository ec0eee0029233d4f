using Tachyon.State.Trie;

namespace Tachyon.State.Layers;

/// <summary>
/// Deletes trie node records once no root in the history window references them. A record
/// dies in block B when B replaces or removes it; it is deleted with the batch of block
/// B+N-1 unless a later block wrote it again (a resurrected record cancels its death).
/// Deaths are kept in memory only: a crash leaks those records (garbage, never corruption).
/// The pending map is keyed by 64-bit fingerprints (a window holds hundreds of thousands of
/// deaths; 24-byte entries instead of 80 keep it cache- and GC-friendly). Two keys sharing a
/// fingerprint can only cancel or supersede each other's deletion, i.e. leak a record: a
/// delete needs the map to still hold the exact block of that key's death, and a rebirth of
/// the key after that death would have removed or overwritten the entry.
/// </summary>
internal sealed class NodePruner(int window)
{
    private readonly Dictionary<ulong, ulong> _pending = new();
    private readonly Queue<(ulong Block, NodeKeyList Keys)> _deaths = new();

    public int PendingCount => _pending.Count;

    public void Record(ulong block, TrieChanges changes)
    {
        // Deaths first: a record both killed and written in one block is alive.
        foreach (var k in changes.DeadNodes) _pending[k.Fingerprint] = block;
        var born = changes.NewNodes;
        for (int i = 0; i < born.Count; i++) _pending.Remove(born.KeyAt(i).Fingerprint);
        if (changes.DeadNodes.Count > 0) _deaths.Enqueue((block, changes.DeadNodes));
    }

    /// <summary>Collects into <paramref name="deletes"/> the records that died in blocks at or before head-N+1.</summary>
    public int Prune(ulong head, List<NodeKey> deletes)
    {
        int deleted = 0;
        while (_deaths.Count > 0 && _deaths.Peek().Block + (ulong)window <= head + 1)
        {
            var (block, keys) = _deaths.Dequeue();
            foreach (var k in keys)
            {
                ulong fp = k.Fingerprint;
                if (_pending.TryGetValue(fp, out ulong b) && b == block)
                {
                    _pending.Remove(fp);
                    deletes.Add(k);
                    deleted++;
                }
            }
            keys.Release(); // nothing reads a block's deaths after this
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
