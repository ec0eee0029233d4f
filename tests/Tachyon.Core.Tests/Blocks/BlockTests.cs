using Tachyon.Core.Blocks;
using Tachyon.Core.Rlp;
using Tachyon.Core.Types;

namespace Tachyon.Core.Tests.Blocks;

public class BlockTests
{
    // Stand-ins with the right outer shape; the transaction codec itself lives elsewhere.
    private static readonly byte[] LegacyTx = Tachyon.Core.Rlp.Rlp.EncodeList([0x01, 0x02, 0x83, 0xAA, 0xBB, 0xCC]);
    private static readonly byte[] TypedTx = [0x02, .. Tachyon.Core.Rlp.Rlp.EncodeList([0x01, 0x80, 0x80])];

    private static Block PragueBlock() => new(
        BlockHeaderTests.Sample(21),
        new BlockBody(
            [LegacyTx, TypedTx],
            [],
            [new Withdrawal(1, 2, Address.Parse("0x00000000000000000000000000000000000000aa"), 3), new Withdrawal(4, 5, Address.Zero, 0)]));

    [Fact]
    public void RoundTripsWithTransactionsAndWithdrawals()
    {
        Block block = PragueBlock();
        byte[] encoded = block.Encode();
        Assert.Equal(block.RlpLength, encoded.Length);

        Block decoded = Block.Decode(encoded);
        Assert.Equal(block.Hash, decoded.Hash);
        Assert.Equal(2, decoded.Transactions.Count);
        Assert.Equal(LegacyTx, decoded.Transactions[0].ToArray());
        Assert.Equal(TypedTx, decoded.Transactions[1].ToArray());
        Assert.Equal(block.Withdrawals, decoded.Withdrawals);
        Assert.Empty(decoded.Ommers);
        Assert.Equal(encoded, decoded.Encode());
    }

    [Fact]
    public void TypedTransactionsAreByteStringsAndLegacyOnesAreLists()
    {
        var reader = new RlpReader(PragueBlock().Encode());
        RlpReader fields = reader.ReadList();
        fields.Skip(); // header
        RlpReader txs = fields.ReadList();
        Assert.Equal(LegacyTx, txs.ReadRaw().ToArray());
        Assert.Equal(TypedTx, txs.ReadBytes().ToArray());
    }

    [Fact]
    public void DecodesOmmersAndPreShanghaiBodies()
    {
        BlockHeader ommer = BlockHeaderTests.MainnetGenesis();
        var block = new Block(BlockHeaderTests.Sample(15), new BlockBody([LegacyTx], [ommer, ommer], null));
        Block decoded = Block.Decode(block.Encode());
        Assert.Null(decoded.Withdrawals);
        Assert.Equal(2, decoded.Ommers.Count);
        Assert.Equal(ommer.Hash, decoded.Ommers[1].Hash);
        Assert.Equal(3, CountItems(block.Encode()));
    }

    [Fact]
    public void EmptyShanghaiBodyHasEmptyWithdrawalsList()
    {
        var block = new Block(BlockHeaderTests.Sample(17), new BlockBody([], [], []));
        byte[] encoded = block.Encode();
        Assert.Equal(4, CountItems(encoded));
        Assert.Equal([0xC0, 0xC0, 0xC0], encoded[^3..]);
        Assert.NotNull(Block.Decode(encoded).Withdrawals);
    }

    [Fact]
    public void BodyRoundTripsOnItsOwn()
    {
        BlockBody body = PragueBlock().Body;
        BlockBody decoded = BlockBody.Decode(body.Encode());
        Assert.Equal(body.Encode(), decoded.Encode());
        Assert.Equal([0xC2, 0xC0, 0xC0], BlockBody.Empty.Encode());
    }

    [Fact]
    public void RejectsWithdrawalsThatDisagreeWithTheHeader()
    {
        byte[] withWithdrawals = new Block(BlockHeaderTests.Sample(16), new BlockBody([], [], [])).Encode();
        Assert.Contains("withdrawals", Assert.Throws<RlpException>(() => Block.Decode(withWithdrawals)).Message);
        byte[] without = new Block(BlockHeaderTests.Sample(17), new BlockBody([], [], null)).Encode();
        Assert.Contains("withdrawalsRoot", Assert.Throws<RlpException>(() => Block.Decode(without)).Message);
    }

    [Theory]
    [InlineData(new byte[] { 0x00, 0xC0 })] // type 0 is legacy and must not be wrapped
    [InlineData(new byte[] { 0xC1, 0x80 })] // a wrapped legacy transaction
    [InlineData(new byte[] { 0x80, 0xC0 })] // not a type byte
    public void RejectsBadlyWrappedTransactions(byte[] inner)
    {
        BlockHeader header = BlockHeaderTests.Sample(15);
        byte[] content = [.. header.Encode(), .. Tachyon.Core.Rlp.Rlp.EncodeList(Tachyon.Core.Rlp.Rlp.Encode(inner)), 0xC0];
        Assert.Throws<RlpException>(() => Block.Decode(Tachyon.Core.Rlp.Rlp.EncodeList(content)));
    }

    [Fact]
    public void MutatedBlocksOnlyThrowRlpException()
    {
        var rng = new Random(3);
        byte[] valid = PragueBlock().Encode();
        for (int i = 0; i < 10_000; i++)
        {
            byte[] data = (byte[])valid.Clone();
            data[rng.Next(data.Length)] = (byte)rng.Next(256);
            if (rng.Next(3) == 0) data = data[..rng.Next(data.Length)];
            try
            {
                Assert.Equal(data, Block.Decode(data).Encode());
            }
            catch (RlpException)
            {
            }
        }
    }

    private static int CountItems(byte[] list)
    {
        var reader = new RlpReader(list);
        RlpReader items = reader.ReadList();
        int n = 0;
        while (items.HasMore) { items.Skip(); n++; }
        return n;
    }
}
