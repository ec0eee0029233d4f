using System.Buffers;
using Tachyon.Core.Crypto;
using Tachyon.Core.Types;

namespace Tachyon.Core.Trie;

public sealed partial class PatriciaTrie
{
    private Hash256 _lastCommittedRoot = Hash256.EmptyTrieRoot;

    /// <summary>
    /// Hands every hashed node created or changed since the last commit to <paramref name="sink"/>
    /// as (hash, RLP), children before parents, the root last (always hashed, even when small).
    /// The memory is a reused buffer, valid only during the call: copy what you keep.
    /// Nodes that became unreachable are not reported. Returns how many nodes were emitted.
    /// </summary>
    public int Commit(Action<Hash256, ReadOnlyMemory<byte>> sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        if (_root is null)
        {
            _lastCommittedRoot = Hash256.EmptyTrieRoot;
            return 0;
        }
        EnsureHashed();
        var state = new CommitState(sink);
        try
        {
            // An embedded node that became the root unchanged is already marked committed,
            // but as the root it must be stored under its own hash.
            if (!_root.IsHashed && _root.Committed && RootHash != _lastCommittedRoot) _root.Committed = false;
            CommitNode(_root, isRoot: true, ref state);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(state.Buffer);
        }
        _lastCommittedRoot = RootHash;
        return state.Count;
    }

    private static void CommitNode(TrieNode node, bool isRoot, ref CommitState state)
    {
        if (node.Committed) return;
        switch (node)
        {
            case ExtensionNode ext:
                CommitNode(ext.Child, false, ref state);
                break;
            case BranchNode branch:
                for (int i = 0; i < 16; i++)
                {
                    if (branch.Children[i] is { } child) CommitNode(child, false, ref state);
                }
                break;
        }
        // Embedded nodes live inside their parent's encoding and are not stored on their own.
        if (node.IsHashed || isRoot)
        {
            int length = NodeEncoder.EncodedLength(node);
            if (state.Buffer.Length < length)
            {
                ArrayPool<byte>.Shared.Return(state.Buffer);
                state.Buffer = ArrayPool<byte>.Shared.Rent(length);
            }
            NodeEncoder.Encode(node, state.Buffer.AsSpan(0, length));
            Hash256 hash = node.IsHashed ? node.Hash : Keccak256.Compute(state.Buffer.AsSpan(0, length));
            state.Sink(hash, state.Buffer.AsMemory(0, length));
            state.Count++;
        }
        node.Committed = true;
    }

    private struct CommitState(Action<Hash256, ReadOnlyMemory<byte>> sink)
    {
        public readonly Action<Hash256, ReadOnlyMemory<byte>> Sink = sink;
        public byte[] Buffer = ArrayPool<byte>.Shared.Rent(1024);
        public int Count;
    }
}
