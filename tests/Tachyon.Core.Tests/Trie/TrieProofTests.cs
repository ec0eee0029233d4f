using Tachyon.Core.Crypto;
using Tachyon.Core.Trie;
using Tachyon.Core.Types;
using static Tachyon.Core.Tests.Trie.TrieRandomTests;

namespace Tachyon.Core.Tests.Trie;

public class TrieProofTests
{
    [Theory]
    [InlineData(21, KeyShape.Hashed32, 1000)]
    [InlineData(22, KeyShape.ShortDense, 300)]
    [InlineData(23, KeyShape.Ordinal, 400)]
    [InlineData(24, KeyShape.Hashed32, 1)]
    [InlineData(25, KeyShape.ShortDense, 3)]
    public void ProofsRoundTripForPresentAndAbsentKeys(int seed, KeyShape shape, int count)
    {
        var random = new Random(seed);
        var (trie, model) = Build(random, shape, count);
        Hash256 root = trie.RootHash;

        foreach (var (key, value) in model)
        {
            var proof = trie.GetProof(key);
            Assert.True(ProofVerifier.TryVerify(root, key, proof, out byte[]? proven));
            Assert.Equal(value, proven);
        }
        for (int i = 0; i < 300; i++)
        {
            byte[] key = NewKey(random, shape);
            var proof = trie.GetProof(key);
            Assert.True(ProofVerifier.TryVerify(root, key, proof, out byte[]? proven));
            Assert.Equal(model.GetValueOrDefault(key), proven);
        }
    }

    [Fact]
    public void AProofOnlyEverProvesTheTruth()
    {
        // Any proof checked against any key: when it verifies, the answer is the real one.
        var random = new Random(31);
        var (trie, model) = Build(random, KeyShape.ShortDense, 200);
        Hash256 root = trie.RootHash;
        var keys = model.Keys.ToList();
        for (int i = 0; i < 2000; i++)
        {
            var proof = trie.GetProof(keys[random.Next(keys.Count)]);
            byte[] other = random.Next(2) == 0 ? keys[random.Next(keys.Count)] : NewKey(random, KeyShape.ShortDense);
            if (ProofVerifier.TryVerify(root, other, proof, out byte[]? value))
                Assert.Equal(model.GetValueOrDefault(other), value);
        }
    }

    [Fact]
    public void TamperedProofsAreRejected()
    {
        var random = new Random(32);
        var (trie, model) = Build(random, KeyShape.Hashed32, 2000);
        Hash256 root = trie.RootHash;
        foreach (byte[] key in model.Keys.Take(100))
        {
            var proof = trie.GetProof(key).Select(n => (byte[])n.Clone()).ToList();
            Assert.True(proof.Count >= 2);

            var flipped = proof.Select(n => (byte[])n.Clone()).ToList();
            int which = random.Next(flipped.Count);
            flipped[which][random.Next(flipped[which].Length)] ^= 0x01;
            Assert.False(ProofVerifier.TryVerify(root, key, flipped, out _));

            Assert.False(ProofVerifier.TryVerify(root, key, proof.Take(proof.Count - 1).ToList(), out _));
            Assert.False(ProofVerifier.TryVerify(root, key, [.. proof, proof[^1]], out _));
            Assert.False(ProofVerifier.TryVerify(root, key, proof.Skip(1).ToList(), out _));
            Assert.False(ProofVerifier.TryVerify(Keccak256.Compute(key), key, proof, out _));
        }
    }

    [Theory]
    [InlineData("0xff")]           // truncated long-string header
    [InlineData("0xc3010203")]     // three items: neither a short node nor a branch
    [InlineData("0xc0")]           // empty list
    [InlineData("0xc2c0c0")]       // path item is a list
    [InlineData("0xc4824000" + "01")] // hex-prefix flag 4
    [InlineData("0xc482010080")]   // even extension with a non-zero pad nibble
    [InlineData("0xc22080")]       // leaf with an empty value
    [InlineData("0xc20080")]       // extension with an empty path
    [InlineData("0xc23105" + "00")] // trailing byte after a valid leaf
    public void MalformedNodesAreRejectedNotThrown(string hex)
    {
        byte[] node = Hex.FromHex(hex);
        Assert.False(ProofVerifier.TryVerify(Keccak256.Compute(node), [0x01], [node], out byte[]? value));
        Assert.Null(value);
    }

    [Fact]
    public void BranchWithABadChildReferenceFails()
    {
        // A 5-byte string is neither empty, a hash nor an embedded node.
        var items = Enumerable.Repeat(new byte[] { 0x80 }, 17).ToArray();
        items[1] = [0x85, 1, 2, 3, 4, 5];
        byte[] branch = Core.Rlp.Rlp.EncodeList(items.SelectMany(x => x).ToArray());
        Assert.False(ProofVerifier.TryVerify(Keccak256.Compute(branch), [0x10], [branch], out _));
        Assert.False(ProofVerifier.TryVerify(Hash256.Zero, [0x10], [branch], out _));
    }

    [Fact]
    public void EmptyTrieProofs()
    {
        var trie = new PatriciaTrie();
        Assert.Empty(trie.GetProof([1, 2, 3]));
        Assert.True(ProofVerifier.TryVerify(Hash256.EmptyTrieRoot, [1, 2, 3], [], out byte[]? value));
        Assert.Null(value);
        Assert.True(ProofVerifier.TryVerify(Hash256.EmptyTrieRoot, [1], [[0x80]], out value));
        Assert.Null(value);
        Assert.False(ProofVerifier.TryVerify(Hash256.Zero, [1], [], out _));
    }

    [Fact]
    public void SecureTrieProofsAreOverTheHashedKey()
    {
        var trie = new SecureTrie();
        byte[] account = Hex.FromHex("0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b");
        trie.Set(account, [0xC0 + 3, 1, 2, 3]);
        trie.Set([1, 2, 3], [9]);
        var proof = trie.GetProof(account);
        Assert.True(ProofVerifier.TryVerify(trie.RootHash, Keccak256.HashToArray(account), proof, out byte[]? value));
        Assert.Equal(new byte[] { 0xC3, 1, 2, 3 }, value);
    }

    private static (PatriciaTrie, Dictionary<byte[], byte[]>) Build(Random random, KeyShape shape, int count)
    {
        var trie = new PatriciaTrie();
        var model = new Dictionary<byte[], byte[]>(ByteComparer.Instance);
        for (int i = 0; i < count; i++)
        {
            byte[] k = NewKey(random, shape), v = NewValue(random);
            trie.Set(k, v);
            model[k] = v;
        }
        return (trie, model);
    }
}
