using System.Runtime.CompilerServices;
using Tachyon.Core.Types;

namespace Tachyon.Core.Trie;

/// <summary>
/// Base of the in-memory trie nodes. Each node caches how its parent refers to it: its own RLP
/// when that is under 32 bytes (embedded), otherwise its Keccak-256 hash. Mutations clear the
/// cache on the changed path only, so a root recomputation re-hashes just those nodes.
/// </summary>
internal abstract class TrieNode
{
    public const int HashLength = Hash256.Size;

    private ReferenceBuffer _reference;
    private byte _referenceLength; // 0: not computed; 1..31: embedded RLP; 32: hash

    /// <summary>False from creation or change until the node has been handed to a commit sink.</summary>
    public bool Committed;

    [InlineArray(HashLength)]
    private struct ReferenceBuffer { private byte _e; }

    public bool HasReference => _referenceLength != 0;

    public bool IsHashed => _referenceLength == HashLength;

    /// <summary>The hash, or the embedded RLP, whichever this node's reference is.</summary>
    public ReadOnlySpan<byte> Reference => ((ReadOnlySpan<byte>)_reference)[.._referenceLength];

    /// <summary>Bytes this node takes inside its parent's RLP (a hash is written as a 33-byte string).</summary>
    public int ReferenceLengthInParent => _referenceLength == HashLength ? HashLength + 1 : _referenceLength;

    public Hash256 Hash => new(Reference);

    /// <summary>Forgets the cached reference; called on every node whose encoding changes.</summary>
    public void Invalidate()
    {
        _referenceLength = 0;
        Committed = false;
    }

    /// <summary>Caches the reference for a node whose RLP is <paramref name="encoded"/>.</summary>
    public void SetReference(ReadOnlySpan<byte> encoded)
    {
        Span<byte> target = _reference;
        if (encoded.Length < HashLength)
        {
            encoded.CopyTo(target);
            _referenceLength = (byte)encoded.Length;
        }
        else
        {
            Crypto.Keccak256.Hash(encoded, target);
            _referenceLength = HashLength;
        }
    }
}
