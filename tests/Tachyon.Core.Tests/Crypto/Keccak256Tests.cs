using System.Text;
using Org.BouncyCastle.Crypto.Digests;
using Tachyon.Core.Crypto;
using Tachyon.Core.Types;

namespace Tachyon.Core.Tests.Crypto;

public class Keccak256Tests
{
    [Theory]
    [InlineData("", "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470")]
    [InlineData("abc", "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45")]
    [InlineData("The quick brown fox jumps over the lazy dog", "4d741b6f1eb29cb2a9b9911c82f56fa8d73b04959d3d9d222895df6c0b28aa15")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "45d3b367a6904e6e8d502ee04999a7c27647f91fa845d456525fd352ae3d7371")]
    public void StandardVectors(string input, string expected)
    {
        Assert.Equal("0x" + expected, Keccak256.Compute(Encoding.ASCII.GetBytes(input)).ToString());
    }

    [Fact]
    public void MillionA()
    {
        var data = new byte[1_000_000];
        Array.Fill(data, (byte)'a');
        Assert.Equal("0xfadae6b49f129bbb812be8407b7b2894f34aecf6dbd1f9b0f0c7e9853098fc96", Keccak256.Compute(data).ToString());
    }

    [Fact]
    public void MatchesBouncyCastleAcrossRateBoundaries()
    {
        var rng = new Random(1);
        var bouncy = new KeccakDigest(256);
        var expected = new byte[32];
        for (int len = 0; len <= 600; len++)
        {
            var data = new byte[len];
            rng.NextBytes(data);
            bouncy.BlockUpdate(data, 0, len);
            bouncy.DoFinal(expected, 0);
            Assert.Equal(Hex.ToHex(expected), Keccak256.Compute(data).ToString());
        }
    }

    [Fact]
    public void IncrementalEqualsOneShotForAnySplit()
    {
        var rng = new Random(7);
        var data = new byte[1000];
        rng.NextBytes(data);
        var expected = Keccak256.Compute(data);
        var hasher = Keccak256.Create();
        for (int trial = 0; trial < 200; trial++)
        {
            int pos = 0;
            while (pos < data.Length)
            {
                int n = Math.Min(rng.Next(0, 300), data.Length - pos);
                hasher.Update(data.AsSpan(pos, n));
                pos += n;
            }
            Assert.Equal(expected, hasher.Finish());
        }
    }

    [Fact]
    public void OneShotDoesNotAllocate()
    {
        var data = new byte[300];
        Span<byte> output = stackalloc byte[32];
        Keccak256.Hash(data, output);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++) Keccak256.Hash(data, output);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
