using Tachyon.Core.Blocks;
using Tachyon.Core.Numerics;
using Tachyon.Core.Rlp;
using Tachyon.Core.Types;

namespace Tachyon.Core.Tests.Blocks;

public class BlockHeaderTests
{
    internal static BlockHeader MainnetGenesis() => new()
    {
        ParentHash = Hash256.Zero,
        OmmersHash = Hash256.EmptyListHash,
        Coinbase = Address.Zero,
        StateRoot = Hash256.Parse("0xd7f8974fb5ac78d9ac099b9ad5018bedc2ce0a72dad1827a1709da30580f0544"),
        TransactionsRoot = Hash256.EmptyTrieRoot,
        ReceiptsRoot = Hash256.EmptyTrieRoot,
        Difficulty = 17179869184UL,
        Number = 0,
        GasLimit = 5000,
        GasUsed = 0,
        Timestamp = 0,
        ExtraData = Hex.FromHex("0x11bbe8db4e347b4e8c937c1c8370e4b5ed33adb3db69cbdb7a38e1e50b1b82fa"),
        MixHash = Hash256.Zero,
        Nonce = 0x42,
    };

    [Fact]
    public void MainnetGenesisHash()
    {
        BlockHeader genesis = MainnetGenesis();
        Assert.Equal("0xd4e56740f876aef8c010b86a40d5f56745a118d0906a34e69aec8c0db1cb8fa3", genesis.Hash.ToString());
        Assert.Equal(15, genesis.FieldCount);
    }

    [Fact]
    public void MainnetBlock1Hash()
    {
        var header = new BlockHeader
        {
            ParentHash = Hash256.Parse("0xd4e56740f876aef8c010b86a40d5f56745a118d0906a34e69aec8c0db1cb8fa3"),
            Coinbase = Address.Parse("0x05a56e2d52c817161883f50c441c3228cfe54d9f"),
            StateRoot = Hash256.Parse("0xd67e4d450343046425ae4271474353857ab860dbc0a1dde64b41b5cd3a532bf3"),
            Difficulty = 17171480576UL,
            Number = 1,
            GasLimit = 5000,
            Timestamp = 1438269988,
            ExtraData = Hex.FromHex("0x476574682f76312e302e302f6c696e75782f676f312e342e32"),
            MixHash = Hash256.Parse("0x969b900de27b6ac6a67742365dd65f55a0526c41fd18e1b16f1a1215c2e66f59"),
            Nonce = 0x539bd4979fef1ec4,
        };
        Assert.Equal("0x88e96d4537bea4d9c05d12549907b32561d3bf31f45aae734cdc119f13406cb6", header.Hash.ToString());
    }

    // Sepolia block 7,839,744 (Prague: all 21 fields, so it also pins the Cancun encoding).
    [Fact]
    public void SepoliaPragueBlockHash()
    {
        var header = new BlockHeader
        {
            ParentHash = Hash256.Parse("0x53df8defa12fa604f56a0b490e45f8eaebb12c3a9aed12bc52d405600e606338"),
            Coinbase = Address.Parse("0x3826539cbd8d68dcf119e80b994557b4278cec9f"),
            StateRoot = Hash256.Parse("0x724617b7999d13469c068ced397d3d37a1432a8db7f156ed81d8f78c0a61a7f2"),
            TransactionsRoot = Hash256.Parse("0x0278307f8545a019516ec439e73404f952436abbdf21d69720a613fef8938d5f"),
            ReceiptsRoot = Hash256.Parse("0xc7bbdde3e099ede140e4364e3205a16dc68bdd5531af1596789537bbd2ff1041"),
            LogsBloom = Bloom.Parse("0x0291928e4009a0159203220927940094062800a00c093a669298e00dc5bf42022a50500200334a06000029401634803691d407868254f8847c00d08d4c6604842c62588e4b106309407022cad848de348041474480540286130a080291b202110f100c409204120804a022800220084183500d004168061146246012215836041aee02124e300d3060ed400b99052084a0c0a18b886802082ca0509c4482001c028a788efd0480a9d27a105940000c5900cc8601a2031380855453c46f79128388548f0224603490610a80310087430a08946c84e00d00304409910211a071210550352d0c082800c5361f8628b9a6c3c2b275304c70834200da43181a486021"),
            Difficulty = 0UL,
            Number = 7839744,
            GasLimit = 36000000,
            GasUsed = 17786126,
            Timestamp = 0x67c8a89c,
            ExtraData = ReadOnlyMemory<byte>.Empty,
            MixHash = Hash256.Parse("0x31d5334ad1f9e04153891a4697863a1c9e80f37c66d1d421923c07184c45b4d5"),
            BaseFeePerGas = 0x120c4011UL,
            WithdrawalsRoot = Hash256.Parse("0x707609a48eb417ad00247824863dcae7437a4ae780719e77a1d6788f05c1a3b8"),
            BlobGasUsed = 0xe0000,
            ExcessBlobGas = 0x60000,
            ParentBeaconBlockRoot = Hash256.Parse("0x4f5861bbeae03efc716a3b9cfaf4473aca4048e489a9b77102edb2117c4b8217"),
            RequestsHash = BlockHeader.EmptyRequestsHash,
        };
        Assert.Equal("0xbfa14ad39de89b0de89a0d9e78efebae792eae93ee46414ed98ee790ce8ed8b3", header.Hash.ToString());
        Assert.Equal(21, header.FieldCount);
        AssertRoundTrip(header);
    }

    [Fact]
    public void EmptyRequestsHashIsSha256OfNothing() =>
        Assert.Equal("0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", BlockHeader.EmptyRequestsHash.ToString());

    [Theory]
    [InlineData(15)] // Frontier..Berlin
    [InlineData(16)] // London, Paris
    [InlineData(17)] // Shanghai
    [InlineData(20)] // Cancun
    [InlineData(21)] // Prague
    public void RoundTripsEachForkFieldSet(int fieldCount)
    {
        BlockHeader header = Sample(fieldCount);
        Assert.Equal(fieldCount, header.FieldCount);
        BlockHeader decoded = AssertRoundTrip(header);
        Assert.Equal(header.BaseFeePerGas, decoded.BaseFeePerGas);
        Assert.Equal(header.WithdrawalsRoot, decoded.WithdrawalsRoot);
        Assert.Equal(header.BlobGasUsed, decoded.BlobGasUsed);
        Assert.Equal(header.ExcessBlobGas, decoded.ExcessBlobGas);
        Assert.Equal(header.ParentBeaconBlockRoot, decoded.ParentBeaconBlockRoot);
        Assert.Equal(header.RequestsHash, decoded.RequestsHash);
        Assert.Equal(header.Hash, decoded.Hash);
    }

    [Fact]
    public void DecodesEveryField()
    {
        BlockHeader h = Sample(21);
        BlockHeader d = BlockHeader.Decode(h.Encode());
        Assert.Equal(h.ParentHash, d.ParentHash);
        Assert.Equal(h.OmmersHash, d.OmmersHash);
        Assert.Equal(h.Coinbase, d.Coinbase);
        Assert.Equal(h.StateRoot, d.StateRoot);
        Assert.Equal(h.TransactionsRoot, d.TransactionsRoot);
        Assert.Equal(h.ReceiptsRoot, d.ReceiptsRoot);
        Assert.Equal(h.LogsBloom, d.LogsBloom);
        Assert.Equal(h.Difficulty, d.Difficulty);
        Assert.Equal(h.Number, d.Number);
        Assert.Equal(h.GasLimit, d.GasLimit);
        Assert.Equal(h.GasUsed, d.GasUsed);
        Assert.Equal(h.Timestamp, d.Timestamp);
        Assert.Equal(h.ExtraData.ToArray(), d.ExtraData.ToArray());
        Assert.Equal(h.MixHash, d.MixHash);
        Assert.Equal(h.Nonce, d.Nonce);
    }

    [Fact]
    public void EncodingAGapThrows()
    {
        BlockHeader header = new()
        {
            BaseFeePerGas = 7UL,
            BlobGasUsed = 0, // withdrawalsRoot missing
            ExcessBlobGas = 0,
        };
        var e = Assert.Throws<InvalidOperationException>(() => header.Encode());
        Assert.Contains("contiguous", e.Message);
    }

    [Fact]
    public void RejectsWrongTypeInOptionalField()
    {
        // A 16-field header whose 16th field (baseFee) is a list.
        byte[] valid = Sample(15).Encode();
        var inner = new RlpReader(valid).ReadList();
        byte[] fields = inner.ReadRaw().ToArray();
        while (inner.HasMore) fields = [.. fields, .. inner.ReadRaw()];
        byte[] bad = RlpCodecList([.. fields, 0xC0]);
        Assert.Throws<RlpException>(() => BlockHeader.Decode(bad));
    }

    [Fact]
    public void RejectsTooManyFieldsShortFieldsAndTrailingBytes()
    {
        byte[] prague = Sample(21).Encode();
        byte[] content = Content(prague);
        Assert.Throws<RlpException>(() => BlockHeader.Decode(RlpCodecList([.. content, 0x80])));
        Assert.Throws<RlpException>(() => BlockHeader.Decode([.. prague, 0x00]));
        // Drop the last 15-field item (the nonce: 9 bytes) to get a 14-field list.
        byte[] frontier = Content(Sample(15).Encode());
        Assert.Throws<RlpException>(() => BlockHeader.Decode(RlpCodecList(frontier[..^9])));
        // A 7-byte nonce.
        byte[] shortNonce = [.. frontier[..^9], 0x87, 1, 2, 3, 4, 5, 6, 7];
        var e = Assert.Throws<RlpException>(() => BlockHeader.Decode(RlpCodecList(shortNonce)));
        Assert.Equal("invalid block header: nonce must be 8 bytes, got 7", e.Message);
    }

    [Fact]
    public void RandomGarbageOnlyThrowsRlpException()
    {
        var rng = new Random(1234);
        for (int i = 0; i < 20_000; i++)
        {
            var data = new byte[rng.Next(0, 700)];
            rng.NextBytes(data);
            if (data.Length > 0 && rng.Next(2) == 0) data[0] = (byte)(0xF8 + rng.Next(3));
            AssertRejectedCleanly(data);
        }
    }

    [Fact]
    public void MutatedHeadersOnlyThrowRlpExceptionOrDecode()
    {
        var rng = new Random(99);
        byte[] valid = Sample(21).Encode();
        for (int i = 0; i < 20_000; i++)
        {
            byte[] data = (byte[])valid.Clone();
            int flips = rng.Next(1, 4);
            for (int j = 0; j < flips; j++) data[rng.Next(data.Length)] = (byte)rng.Next(256);
            if (rng.Next(4) == 0) data = data[..rng.Next(data.Length)];
            try
            {
                BlockHeader decoded = BlockHeader.Decode(data);
                Assert.Equal(data, decoded.Encode()); // strict decoding: anything accepted is canonical
            }
            catch (RlpException)
            {
            }
        }
    }

    private static void AssertRejectedCleanly(byte[] data)
    {
        try
        {
            BlockHeader.Decode(data);
        }
        catch (RlpException)
        {
        }
    }

    internal static BlockHeader Sample(int fieldCount)
    {
        var extra = new byte[40];
        new Random(fieldCount).NextBytes(extra);
        Bloom bloom = default;
        bloom.Add(Address.Parse("0x00000000000000000000000000000000000000aa"));
        return new BlockHeader
        {
            ParentHash = Keccak("parent"),
            OmmersHash = Hash256.EmptyListHash,
            Coinbase = Address.Parse("0x1000000000000000000000000000000000000001"),
            StateRoot = Keccak("state"),
            TransactionsRoot = Keccak("txs"),
            ReceiptsRoot = Keccak("receipts"),
            LogsBloom = bloom,
            Difficulty = fieldCount == 15 ? new UInt256(0, 1) : UInt256.Zero, // above 64 bits, then zero post-merge
            Number = 1_000_000,
            GasLimit = 30_000_000,
            GasUsed = 21_000,
            Timestamp = 1_700_000_000,
            ExtraData = extra,
            MixHash = Keccak("randao"),
            Nonce = fieldCount == 15 ? 0xDEADBEEF01020304 : 0,
            BaseFeePerGas = fieldCount >= 16 ? 7UL : null,
            WithdrawalsRoot = fieldCount >= 17 ? Keccak("withdrawals") : null,
            BlobGasUsed = fieldCount >= 18 ? 131072UL : null,
            ExcessBlobGas = fieldCount >= 19 ? 0UL : null,
            ParentBeaconBlockRoot = fieldCount >= 20 ? Keccak("beacon") : null,
            RequestsHash = fieldCount >= 21 ? BlockHeader.EmptyRequestsHash : null,
        };
    }

    private static Hash256 Keccak(string s) => Tachyon.Core.Crypto.Keccak256.Compute(System.Text.Encoding.ASCII.GetBytes(s));

    private static BlockHeader AssertRoundTrip(BlockHeader header)
    {
        byte[] encoded = header.Encode();
        Assert.Equal(header.RlpLength, encoded.Length);
        BlockHeader decoded = BlockHeader.Decode(encoded);
        Assert.Equal(encoded, decoded.Encode());
        return decoded;
    }

    private static byte[] Content(byte[] list)
    {
        var reader = new RlpReader(list);
        RlpReader inner = reader.ReadList();
        var content = new List<byte>();
        while (inner.HasMore) content.AddRange(inner.ReadRaw().ToArray());
        return [.. content];
    }

    private static byte[] RlpCodecList(byte[] content) => Tachyon.Core.Rlp.Rlp.EncodeList(content);
}
