using Tachyon.Core.Crypto;
using Tachyon.Core.Types;

namespace Tachyon.Core.Trie;

/// <summary>
/// A trie keyed by keccak256(key), as the state and storage tries are: paths are uniformly spread
/// and 32 bytes long whatever the key. Proofs are over the hashed key, as eth_getProof gives them.
/// </summary>
public sealed class SecureTrie
{
    /// <summary>The underlying trie, keyed by hashed keys (for callers that already hold the hashes).</summary>
    public PatriciaTrie Trie { get; } = new();

    public Hash256 RootHash => Trie.RootHash;

    public bool IsEmpty => Trie.IsEmpty;

    /// <summary>Sets a copy of <paramref name="value"/>; an empty value deletes the key.</summary>
    public void Set(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        Span<byte> hashed = stackalloc byte[Hash256.Size];
        Keccak256.Hash(key, hashed);
        Trie.Set(hashed, value);
    }

    /// <summary>Sets <paramref name="value"/> without copying it; the caller must not modify it afterwards.</summary>
    public void SetShared(ReadOnlySpan<byte> key, ReadOnlyMemory<byte> value)
    {
        Span<byte> hashed = stackalloc byte[Hash256.Size];
        Keccak256.Hash(key, hashed);
        Trie.SetShared(hashed, value);
    }

    public bool Delete(ReadOnlySpan<byte> key)
    {
        Span<byte> hashed = stackalloc byte[Hash256.Size];
        Keccak256.Hash(key, hashed);
        return Trie.Delete(hashed);
    }

    public byte[]? Get(ReadOnlySpan<byte> key)
    {
        Span<byte> hashed = stackalloc byte[Hash256.Size];
        Keccak256.Hash(key, hashed);
        return Trie.Get(hashed);
    }

    /// <summary>The proof for keccak256(<paramref name="key"/>); verify it against that hashed key.</summary>
    public IReadOnlyList<byte[]> GetProof(ReadOnlySpan<byte> key)
    {
        Span<byte> hashed = stackalloc byte[Hash256.Size];
        Keccak256.Hash(key, hashed);
        return Trie.GetProof(hashed);
    }

    /// <inheritdoc cref="PatriciaTrie.Commit"/>
    public int Commit(Action<Hash256, ReadOnlyMemory<byte>> sink) => Trie.Commit(sink);
}
