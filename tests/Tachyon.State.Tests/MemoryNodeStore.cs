using Tachyon.State.Layers;
using Tachyon.State.Trie;

namespace Tachyon.State.Tests;

internal sealed class MemoryNodeStore : INodeReader
{
    public readonly Dictionary<byte[], byte[]> Nodes = new(ByteArrayComparer.Instance);

    public byte[]? Load(ReadOnlySpan<byte> key) => Nodes.TryGetValue(key.ToArray(), out var v) ? v : null;

    public void Add(TrieChanges c)
    {
        for (int i = 0; i < c.NewNodes.Count; i++) Nodes[c.NewNodes.KeyAt(i).ToArray()] = c.NewNodes.ValueAt(i).ToArray();
    }
}
