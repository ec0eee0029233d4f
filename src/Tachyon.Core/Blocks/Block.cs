using Tachyon.Core.Rlp;
using Tachyon.Core.Types;
using RlpCodec = Tachyon.Core.Rlp.Rlp;

namespace Tachyon.Core.Blocks;

/// <summary>A block: header plus body. RLP: [header, txs, ommers, withdrawals?] (the body's fields inlined).</summary>
public sealed class Block
{
    public Block(BlockHeader header, BlockBody body)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(body);
        Header = header;
        Body = body;
    }

    public BlockHeader Header { get; }
    public BlockBody Body { get; }

    public Hash256 Hash => Header.Hash;
    public ulong Number => Header.Number;

    /// <summary>Canonical transaction encodings; see <see cref="BlockBody"/>.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Transactions => Body.Transactions;
    public IReadOnlyList<BlockHeader> Ommers => Body.Ommers;
    public IReadOnlyList<Withdrawal>? Withdrawals => Body.Withdrawals;

    private int ContentLength => Header.RlpLength + Body.ContentLength;

    public int RlpLength => RlpCodec.LengthOfList(ContentLength);

    public void WriteTo(ref RlpWriter writer)
    {
        writer.WriteListHeader(ContentLength);
        Header.WriteTo(ref writer);
        Body.WriteContent(ref writer);
    }

    public byte[] Encode()
    {
        var output = new byte[RlpLength];
        var writer = new RlpWriter(output);
        WriteTo(ref writer);
        return output;
    }

    /// <summary>
    /// Decodes one block, rejecting trailing bytes. Also rejects a withdrawals list whose presence
    /// disagrees with the header's withdrawalsRoot, since no fork allows that shape.
    /// </summary>
    public static Block Decode(ReadOnlySpan<byte> rlp)
    {
        var reader = new RlpReader(rlp);
        Block block = ReadFrom(ref reader);
        reader.EnsureEnd();
        return block;
    }

    public static Block ReadFrom(ref RlpReader reader)
    {
        RlpReader fields = reader.ReadList();
        BlockHeader header = BlockHeader.ReadFrom(ref fields);
        BlockBody body = BlockBody.ReadContent(ref fields);
        fields.EnsureEnd();
        if (header.WithdrawalsRoot.HasValue != (body.Withdrawals is not null))
            throw new RlpException(header.WithdrawalsRoot.HasValue
                ? "block header has withdrawalsRoot but the body has no withdrawals list"
                : "block body has a withdrawals list but the header has no withdrawalsRoot");
        return new Block(header, body);
    }
}
