using Tachyon.Core.Trie;
using Tachyon.Core.Types;
using RlpCodec = Tachyon.Core.Rlp.Rlp;

namespace Tachyon.Core.Tests.Trie;

public class TrieRootsTests
{
    [Fact]
    public void EmptyListGivesTheEmptyTrieRoot() =>
        Assert.Equal(Hash256.EmptyTrieRoot, TrieRoots.OrderedRoot([]));

    [Fact]
    public void SingleSmallItemIsHashedAtTheRoot()
    {
        // Trie {rlp(0) = 0x80: 0x01}: root node [0x20 0x80, 0x01] = c4 82 20 80 01 is under 32 bytes, still hashed.
        Hash256 expected = Core.Crypto.Keccak256.Compute(Hex.FromHex("0xc482208001"));
        Assert.Equal(expected, TrieRoots.OrderedRoot([new byte[] { 0x01 }]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(16)]
    [InlineData(127)]
    [InlineData(128)]
    [InlineData(129)]
    [InlineData(300)]
    public void OrderedRootMatchesTheOracle(int count)
    {
        var random = new Random(count);
        var items = Enumerable.Range(0, count).Select(_ => TrieRandomTests.NewValue(random)).ToList();
        var expected = ReferenceTrie.Root(items.Select((item, i) => new KeyValuePair<byte[], byte[]>(RlpCodec.Encode((ulong)i), item)));
        Assert.Equal(expected, TrieRoots.OrderedRoot(items.Select(x => (ReadOnlyMemory<byte>)x).ToList()));
    }

    [Fact]
    public void EmptyItemsAreRejected() =>
        Assert.Throws<ArgumentException>(() => TrieRoots.OrderedRoot([new byte[] { 1 }, ReadOnlyMemory<byte>.Empty]));
}
