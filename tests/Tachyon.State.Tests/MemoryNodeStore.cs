using Tachyon.State.Layers;
using Tachyon.State.Trie;

namespace Tachyon.State.Tests;

internal sealed class MemoryNodeStore : INodeReader
{
    public readonly Dictionary<byte[], byte[]> Nodes = new(ByteArrayComparer.Instance);

    public byte[]? Load(ReadOnlySpan<byte> key) => Nodes.TryGetValue(key.ToArray(), out var v) ? v : null;

    public void Add(TrieChanges c)
    {
        foreach (var kv in c.NewNodes) Nodes[kv.Key] = kv.Value;
    }
}
