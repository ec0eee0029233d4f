using Tachyon.Core.Crypto;
using Tachyon.Core.Rlp;
using Tachyon.Core.Types;

namespace Tachyon.Core.Trie;

/// <summary>
/// Checks eth_getProof-style Merkle proofs: the hashed nodes from the root down to a key's position,
/// in order, with embedded (under 32-byte) nodes read from inside their parents.
/// </summary>
public static class ProofVerifier
{
    /// <summary>
    /// True when <paramref name="proof"/> proves, against <paramref name="root"/>, either the key's
    /// value (returned in <paramref name="value"/>) or its absence (<paramref name="value"/> null).
    /// False for wrong hashes, malformed or non-canonical nodes, a proof that stops before the
    /// key's position, or nodes left over after it. For a secure trie pass keccak256(key).
    /// </summary>
    public static bool TryVerify(Hash256 root, ReadOnlySpan<byte> key, IReadOnlyList<byte[]> proof, out byte[]? value)
    {
        ArgumentNullException.ThrowIfNull(proof);
        value = null;
        if (proof.Count == 0) return root == Hash256.EmptyTrieRoot;
        try
        {
            return Walk(root, key, proof, out value);
        }
        catch (RlpException)
        {
            value = null;
            return false;
        }
    }

    private static bool Walk(Hash256 root, ReadOnlySpan<byte> key, IReadOnlyList<byte[]> proof, out byte[]? value)
    {
        value = null;
        if (proof[0] is not { } first || Keccak256.Compute(first) != root) return false;
        // The empty trie's root node is the empty string.
        if (first.Length == 1 && first[0] == Rlp.Rlp.EmptyString) return proof.Count == 1;

        int used = 1, depth = 0, keyLength = key.Length * 2;
        ReadOnlySpan<byte> node = first;
        while (true)
        {
            var outer = new RlpReader(node);
            RlpReader items = outer.ReadList();
            outer.EnsureEnd();
            int count = CountItems(items);
            ReadOnlySpan<byte> next;
            if (count == 17)
            {
                if (depth == keyLength)
                {
                    for (int i = 0; i < 16; i++) items.Skip();
                    ReadOnlySpan<byte> v = items.ReadBytes();
                    value = v.IsEmpty ? null : v.ToArray();
                    return used == proof.Count;
                }
                int nibble = NibblePath.Nibble(key, depth++);
                for (int i = 0; i < nibble; i++) items.Skip();
                next = items.ReadRaw();
            }
            else if (count == 2)
            {
                ReadOnlySpan<byte> compact = items.ReadBytes();
                if (!TryReadHexPrefix(compact, out bool isLeaf, out int pathLength)) return false;
                int matched = MatchCompact(compact, pathLength, key, depth);
                if (isLeaf)
                {
                    ReadOnlySpan<byte> v = items.ReadBytes();
                    if (v.IsEmpty) return false; // a leaf always holds a value
                    if (matched == pathLength && depth + pathLength == keyLength) value = v.ToArray();
                    return used == proof.Count;
                }
                if (pathLength == 0) return false;
                if (matched != pathLength) return used == proof.Count; // diverges: absent
                depth += pathLength;
                next = items.ReadRaw();
            }
            else
            {
                return false;
            }

            // Follow the child reference: empty, a 32-byte hash, or an embedded node under 32 bytes.
            var refReader = new RlpReader(next);
            if (refReader.PeekIsList)
            {
                if (next.Length >= 32) return false;
                node = next;
                continue;
            }
            ReadOnlySpan<byte> reference = refReader.ReadBytes();
            if (reference.IsEmpty) return used == proof.Count;
            if (reference.Length != Hash256.Size || used == proof.Count) return false;
            byte[]? child = proof[used++];
            if (child is null || Keccak256.Compute(child) != new Hash256(reference)) return false;
            node = child;
        }
    }

    private static int CountItems(RlpReader items)
    {
        int count = 0;
        while (items.HasMore && count <= 17)
        {
            items.Skip();
            count++;
        }
        return count;
    }

    /// <summary>Reads the hex-prefix flag byte; rejects unknown flags and a non-zero pad nibble.</summary>
    private static bool TryReadHexPrefix(ReadOnlySpan<byte> compact, out bool isLeaf, out int pathLength)
    {
        isLeaf = false;
        pathLength = 0;
        if (compact.IsEmpty) return false;
        int flag = compact[0] >> 4;
        if (flag > 3) return false;
        bool odd = (flag & 1) == 1;
        if (!odd && (compact[0] & 0xF) != 0) return false;
        isLeaf = flag >= 2;
        pathLength = (compact.Length - 1) * 2 + (odd ? 1 : 0);
        return true;
    }

    /// <summary>How many of the compact path's nibbles match the key from <paramref name="depth"/>.</summary>
    private static int MatchCompact(ReadOnlySpan<byte> compact, int pathLength, ReadOnlySpan<byte> key, int depth)
    {
        int skip = (pathLength & 1) == 1 ? 1 : 2;
        int max = Math.Min(pathLength, key.Length * 2 - depth);
        int i = 0;
        while (i < max && NibblePath.Nibble(compact, i + skip) == NibblePath.Nibble(key, depth + i)) i++;
        return i;
    }
}
