using System.Numerics;
using Tachyon.Core.Blocks;
using Tachyon.Core.Crypto;
using Tachyon.Core.Types;

namespace Tachyon.Core.Tests.Blocks;

public class BloomTests
{
    private static readonly Address Token = Address.Parse("0x09e18590e8f76b6cf471b3cd75fe1a1a9d2b2c2b");
    private static readonly Hash256 TransferTopic = Hash256.Parse("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef");
    private static readonly Hash256 FromTopic = Hash256.Parse("0x00000000000000000000000009e18590e8f76b6cf471b3cd75fe1a1a9d2b2c2b");

    // The Yellow Paper's definition as a 2048-bit number: bit (pair & 2047) counted from the low end.
    private static byte[] ReferenceBloom(params byte[][] items)
    {
        BigInteger bloom = BigInteger.Zero;
        foreach (byte[] item in items)
        {
            byte[] h = Keccak256.HashToArray(item);
            for (int i = 0; i < 6; i += 2) bloom |= BigInteger.One << (((h[i] << 8) | h[i + 1]) & 2047);
        }
        byte[] bytes = bloom.ToByteArray(isUnsigned: true, isBigEndian: true);
        return [.. new byte[256 - bytes.Length], .. bytes];
    }

    [Fact]
    public void MatchesYellowPaperDefinitionForALog()
    {
        var log = new Log(Token, [TransferTopic, FromTopic], new byte[] { 1, 2, 3 });
        Bloom bloom = Bloom.FromLogs([log]);
        byte[] expected = ReferenceBloom(Token.ToArray(), TransferTopic.ToArray(), FromTopic.ToArray());
        Assert.Equal(expected, bloom.Bytes.ToArray());
        Assert.InRange(PopCount(bloom), 7, 9); // three bits per item, rarely overlapping
    }

    [Fact]
    public void ContainsWhatWasAddedAndMostlyMissesOthers()
    {
        var log = new Log(Token, [TransferTopic, FromTopic], ReadOnlyMemory<byte>.Empty);
        Bloom bloom = Bloom.FromLogs([log]);
        Assert.True(bloom.Contains(Token));
        Assert.True(bloom.Contains(TransferTopic));
        Assert.True(bloom.Contains(FromTopic));

        int falsePositives = 0;
        for (int i = 0; i < 1000; i++)
            if (bloom.Contains(Keccak256.Compute(BitConverter.GetBytes(i)))) falsePositives++;
        Assert.True(falsePositives < 10, $"{falsePositives} false positives in 1000");
        Assert.False(Bloom.Empty.Contains(Token));
    }

    [Fact]
    public void AccumulateIsBitwiseOrAndContainsBloom()
    {
        Bloom a = default, b = default;
        a.Add(Token);
        b.Add(TransferTopic);
        Bloom both = a;
        both.Accumulate(b);
        Assert.True(both.Contains(Token) && both.Contains(TransferTopic));
        Assert.True(both.Contains(in a) && both.Contains(in b));
        Assert.False(a.Contains(in both));
        for (int i = 0; i < Bloom.ByteLength; i++)
            Assert.Equal((byte)(a.Bytes[i] | b.Bytes[i]), both.Bytes[i]);
    }

    [Fact]
    public void BlockBloomIsOrOfReceiptBlooms()
    {
        Receipt r1 = Receipt.Create(2, true, 50_000, [new Log(Token, [TransferTopic], ReadOnlyMemory<byte>.Empty)]);
        Receipt r2 = Receipt.Create(0, false, 80_000, [new Log(Address.Zero, [FromTopic], ReadOnlyMemory<byte>.Empty)]);
        Bloom block = Bloom.FromReceipts([r1, r2]);
        Assert.Equal(ReferenceBloom(Token.ToArray(), TransferTopic.ToArray(), Address.Zero.ToArray(), FromTopic.ToArray()), block.Bytes.ToArray());
        Assert.True(Bloom.FromReceipts([]).IsZero);
    }

    [Fact]
    public void ParseAndToStringRoundTrip()
    {
        Bloom bloom = default;
        bloom.Add(Token);
        Assert.Equal(bloom, Bloom.Parse(bloom.ToString()));
        Assert.Throws<FormatException>(() => Bloom.Parse("0x1234"));
    }

    private static int PopCount(Bloom bloom)
    {
        int n = 0;
        foreach (byte b in bloom.Bytes) n += BitOperations.PopCount(b);
        return n;
    }
}
