using Tachyon.Core.Blocks;
using Tachyon.Core.Rlp;
using Tachyon.Core.Types;

namespace Tachyon.Core.Tests.Blocks;

public class ReceiptTests
{
    private static readonly Log[] SomeLogs =
    [
        new(Address.Parse("0x2222222222222222222222222222222222222222"), [Hash256.EmptyKeccak], new byte[] { 1, 2, 3 }),
        new(Address.Parse("0x3333333333333333333333333333333333333333"), [], ReadOnlyMemory<byte>.Empty),
    ];

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void RoundTripsEachType(byte type)
    {
        foreach (bool success in new[] { true, false })
        {
            Receipt receipt = Receipt.Create(type, success, 1_234_567, SomeLogs);
            byte[] encoded = receipt.Encode();
            Assert.Equal(receipt.EncodedLength, encoded.Length);
            var into = new byte[encoded.Length + 3];
            Assert.Equal(encoded.Length, receipt.Encode(into.AsSpan(1)));
            Assert.Equal(encoded, into.AsSpan(1, encoded.Length).ToArray());
            if (type == 0) Assert.True(encoded[0] >= 0xC0);
            else Assert.Equal(type, encoded[0]);

            Receipt decoded = Receipt.Decode(encoded);
            Assert.Equal(type, decoded.TxType);
            Assert.Equal(success, decoded.Success);
            Assert.Equal(1_234_567UL, decoded.CumulativeGasUsed);
            Assert.Equal(receipt.Bloom, decoded.Bloom);
            Assert.Equal(SomeLogs, decoded.Logs);
            Assert.Equal(encoded, decoded.Encode());
        }
    }

    /// <summary>The bloom is stored as given (a zero one takes no space): it reads back and encodes unchanged.</summary>
    [Fact]
    public void BloomIsKeptAsGivenZeroOrNot()
    {
        Assert.True(Receipt.Create(2, true, 21_000, []).Bloom.IsZero);
        Bloom some = Receipt.Create(2, true, 1, SomeLogs).Bloom;
        Assert.False(some.IsZero);
        var explicitBloom = new Receipt { TxType = 2, Success = true, CumulativeGasUsed = 5, Bloom = some };
        Assert.Equal(some, explicitBloom.Bloom);
        Assert.Equal(some, Receipt.Decode(explicitBloom.Encode()).Bloom); // decoding takes the encoded bloom, not one from the logs
        Assert.True(new Receipt { TxType = 2, Success = true, CumulativeGasUsed = 5, Bloom = default }.Bloom.IsZero);
    }

    [Fact]
    public void LegacyEncodingLayout()
    {
        Receipt receipt = Receipt.Create(0, true, 21_000, []);
        byte[] encoded = receipt.Encode();
        // [0x01, 0x825208, bloom(256 zero bytes), []]
        byte[] expected = [0xF9, 0x01, 0x08, 0x01, 0x82, 0x52, 0x08, 0xB9, 0x01, 0x00, .. new byte[256], 0xC0];
        Assert.Equal(expected, encoded);
        Assert.Equal(0x80, Receipt.Create(0, false, 21_000, []).Encode()[3]); // failure is the empty string
    }

    [Fact]
    public void ListItemFormWrapsTypedReceiptsInByteStrings()
    {
        Receipt[] receipts = [Receipt.Create(0, true, 1, SomeLogs), Receipt.Create(2, true, 2, []), Receipt.Create(3, false, 3, SomeLogs)];
        int content = receipts.Sum(r => r.RlpLength);
        var buffer = new byte[Tachyon.Core.Rlp.Rlp.LengthOfList(content)];
        var writer = new RlpWriter(buffer);
        writer.WriteListHeader(content);
        foreach (Receipt r in receipts) r.WriteTo(ref writer);
        Assert.Equal(buffer.Length, writer.Position);

        var reader = new RlpReader(buffer);
        RlpReader items = reader.ReadList();
        Assert.True(items.PeekIsList); // legacy: a list
        Receipt first = Receipt.ReadFrom(ref items);
        Assert.False(items.PeekIsList); // typed: a byte string
        Receipt second = Receipt.ReadFrom(ref items);
        Receipt third = Receipt.ReadFrom(ref items);
        items.EnsureEnd();
        Assert.Equal([0, 2, 3], new[] { first.TxType, second.TxType, third.TxType });
        Assert.Equal(receipts[2].Encode(), third.Encode());

        // Byte for byte what wrapping each typed encoding as an RLP string gives.
        var expected = new byte[buffer.Length];
        var reference = new RlpWriter(expected);
        reference.WriteListHeader(content);
        foreach (Receipt r in receipts)
            if (r.TxType == 0) reference.WriteRaw(r.Encode());
            else reference.WriteBytes(r.Encode());
        Assert.Equal(expected, buffer);
    }

    [Theory]
    [InlineData("")]
    [InlineData("00c0")] // type 0 must not be typed
    [InlineData("80")] // neither list nor type byte
    [InlineData("02")] // type with no payload
    [InlineData("c0")] // empty list
    [InlineData("02c0")]
    public void RejectsMalformedEncodings(string hex) =>
        Assert.Throws<RlpException>(() => Receipt.Decode(Hex.FromHex(hex)));

    [Fact]
    public void RejectsBadStatusAndBloom()
    {
        byte[] good = Receipt.Create(0, true, 5, []).Encode();
        byte[] badStatus = (byte[])good.Clone();
        badStatus[3] = 0x02; // status 2
        Assert.Throws<RlpException>(() => Receipt.Decode(badStatus));

        // A 32-byte post-state root (pre-Byzantium) is not supported.
        byte[] preByzantium = Tachyon.Core.Rlp.Rlp.EncodeList([0xA0, .. new byte[32], 0x05, 0xB9, 0x01, 0x00, .. new byte[256], 0xC0]);
        var e = Assert.Throws<RlpException>(() => Receipt.Decode(preByzantium));
        Assert.Contains("pre-Byzantium", e.Message);

        byte[] shortBloom = Tachyon.Core.Rlp.Rlp.EncodeList([0x01, 0x05, 0x82, 0, 0, 0xC0]);
        Assert.Throws<RlpException>(() => Receipt.Decode(shortBloom));
    }

    [Fact]
    public void RandomGarbageOnlyThrowsRlpException()
    {
        var rng = new Random(5);
        byte[] valid = Receipt.Create(2, true, 99, SomeLogs).Encode();
        for (int i = 0; i < 10_000; i++)
        {
            byte[] data = (byte[])valid.Clone();
            data[rng.Next(data.Length)] = (byte)rng.Next(256);
            if (rng.Next(3) == 0) data = data[..rng.Next(data.Length)];
            try
            {
                Assert.Equal(data, Receipt.Decode(data).Encode());
            }
            catch (RlpException)
            {
            }
        }
    }
}
