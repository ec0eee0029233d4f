using Tachyon.Core.Trie;
using Tachyon.Core.Types;

namespace Tachyon.Core.Tests.Trie;

public class NibblePathTests
{
    // Yellow Paper appendix C examples.
    [Theory]
    [InlineData("012345", 1, 5, false, "0x112345")]
    [InlineData("012345", 0, 6, false, "0x00012345")]
    [InlineData("0f1cb8", 1, 5, true, "0x3f1cb8")]
    [InlineData("0f1cb8", 0, 6, true, "0x200f1cb8")]
    [InlineData("0f1cb8", 2, 3, true, "0x31cb")]
    [InlineData("0f1cb8", 3, 0, false, "0x00")]
    [InlineData("0f1cb8", 1, 4, true, "0x20f1cb")]
    [InlineData("0f1cb8a7", 3, 4, false, "0x00cb8a")]
    public void HexPrefixEncoding(string packed, int start, int length, bool leaf, string expected)
    {
        var path = new NibblePath(Hex.FromHex(packed), start, length);
        var output = new byte[path.HexPrefixLength];
        path.WriteHexPrefix(output, leaf);
        Assert.Equal(expected, Hex.ToHex(output));
    }

    [Fact]
    public void CommonPrefixMatchesNaiveForAllAlignments()
    {
        var random = new Random(5);
        for (int round = 0; round < 5000; round++)
        {
            var a = new byte[random.Next(1, 12)];
            random.NextBytes(a);
            var b = (byte[])a.Clone();
            if (random.Next(3) > 0) b[random.Next(b.Length)] ^= (byte)(1 << random.Next(8));
            int start = random.Next(a.Length * 2);
            var path = new NibblePath(a, start, random.Next(a.Length * 2 - start + 1));
            int keyStart = random.Next(b.Length * 2 + 1);
            int naive = 0;
            while (naive < path.Length && keyStart + naive < b.Length * 2 && path[naive] == NibblePath.Nibble(b, keyStart + naive)) naive++;
            Assert.Equal(naive, path.CommonPrefix(b, keyStart));
        }
    }

    [Fact]
    public void ConcatReusesTheKeyWhenItCanAndCopiesOtherwise()
    {
        byte[] key = [0x12, 0x34, 0x56];
        var joined = NibblePath.Concat(new NibblePath(key, 1, 2), NibblePath.FromKey(key, 3));
        Assert.Equal("23456", Nibbles(joined));
        var copied = NibblePath.Concat(NibblePath.Single(9), NibblePath.FromKey(key, 3));
        Assert.Equal("9456", Nibbles(copied));
    }

    private static string Nibbles(NibblePath p) => string.Concat(Enumerable.Range(0, p.Length).Select(i => p[i].ToString("x")));
}
