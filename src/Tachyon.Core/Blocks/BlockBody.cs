using Tachyon.Core.Rlp;
using RlpCodec = Tachyon.Core.Rlp.Rlp;

namespace Tachyon.Core.Blocks;

/// <summary>
/// A block's body: transactions, ommers and (from Shanghai) withdrawals. RLP: [txs, ommers, withdrawals?].
/// </summary>
/// <remarks>
/// Transactions are kept as their canonical encodings, the bytes that are hashed and stored in
/// the transactions trie: a legacy transaction is its RLP list; a typed (EIP-2718) transaction is
/// type || payload. In the body's RLP a typed transaction appears as an RLP byte string wrapping
/// type || payload, while a legacy one appears as its list directly.
/// </remarks>
public sealed class BlockBody
{
    public static readonly BlockBody Empty = new([], [], null);

    public BlockBody(IReadOnlyList<ReadOnlyMemory<byte>> transactions, IReadOnlyList<BlockHeader> ommers, IReadOnlyList<Withdrawal>? withdrawals)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        ArgumentNullException.ThrowIfNull(ommers);
        Transactions = transactions;
        Ommers = ommers;
        Withdrawals = withdrawals;
    }

    /// <summary>Canonical transaction encodings (legacy: RLP list; typed: type || payload).</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Transactions { get; }

    /// <summary>Uncle headers; always empty after the merge.</summary>
    public IReadOnlyList<BlockHeader> Ommers { get; }

    /// <summary>EIP-4895 withdrawals; null before Shanghai (the list is then absent from the RLP, not empty).</summary>
    public IReadOnlyList<Withdrawal>? Withdrawals { get; }

    public int RlpLength => RlpCodec.LengthOfList(ContentLength);

    internal int ContentLength
    {
        get
        {
            int length = RlpCodec.LengthOfList(TransactionsContentLength()) + RlpCodec.LengthOfList(OmmersContentLength());
            if (Withdrawals is not null) length += RlpCodec.LengthOfList(WithdrawalsContentLength(Withdrawals));
            return length;
        }
    }

    public void WriteTo(ref RlpWriter writer)
    {
        writer.WriteListHeader(ContentLength);
        WriteContent(ref writer);
    }

    public byte[] Encode()
    {
        var output = new byte[RlpLength];
        var writer = new RlpWriter(output);
        WriteTo(ref writer);
        return output;
    }

    public static BlockBody Decode(ReadOnlySpan<byte> rlp)
    {
        var reader = new RlpReader(rlp);
        RlpReader fields = reader.ReadList();
        reader.EnsureEnd();
        BlockBody body = ReadContent(ref fields);
        fields.EnsureEnd();
        return body;
    }

    /// <summary>Writes the body's fields without a list header (a block inlines them after its header).</summary>
    internal void WriteContent(ref RlpWriter writer)
    {
        writer.WriteListHeader(TransactionsContentLength());
        foreach (ReadOnlyMemory<byte> tx in Transactions)
        {
            ReadOnlySpan<byte> encoded = tx.Span;
            if (IsLegacy(encoded)) writer.WriteRaw(encoded);
            else writer.WriteBytes(encoded);
        }
        writer.WriteListHeader(OmmersContentLength());
        foreach (BlockHeader ommer in Ommers) ommer.WriteTo(ref writer);
        if (Withdrawals is not null)
        {
            writer.WriteListHeader(WithdrawalsContentLength(Withdrawals));
            foreach (Withdrawal withdrawal in Withdrawals) withdrawal.WriteTo(ref writer);
        }
    }

    /// <summary>Reads the body's fields from a reader positioned after a block's header.</summary>
    internal static BlockBody ReadContent(ref RlpReader fields)
    {
        var transactions = new List<ReadOnlyMemory<byte>>();
        RlpReader txs = fields.ReadList();
        while (txs.HasMore)
        {
            if (txs.PeekIsList)
            {
                transactions.Add(txs.ReadRaw().ToArray());
                continue;
            }
            ReadOnlySpan<byte> typed = txs.ReadBytes();
            if (typed.IsEmpty || typed[0] == 0 || typed[0] > 0x7F)
                throw new RlpException("a transaction given as a byte string must be type || payload with a type in 0x01..0x7f");
            transactions.Add(typed.ToArray());
        }

        var ommers = new List<BlockHeader>();
        RlpReader ommerReader = fields.ReadList();
        while (ommerReader.HasMore) ommers.Add(BlockHeader.ReadFrom(ref ommerReader));

        List<Withdrawal>? withdrawals = null;
        if (fields.HasMore)
        {
            withdrawals = [];
            RlpReader withdrawalReader = fields.ReadList();
            while (withdrawalReader.HasMore) withdrawals.Add(Withdrawal.ReadFrom(ref withdrawalReader));
        }
        return new BlockBody(transactions.ToArray(), ommers.ToArray(), withdrawals?.ToArray());
    }

    private static bool IsLegacy(ReadOnlySpan<byte> encoded)
    {
        if (encoded.IsEmpty) throw new InvalidOperationException("empty transaction encoding in block body");
        return encoded[0] >= 0xC0;
    }

    private int TransactionsContentLength()
    {
        int length = 0;
        foreach (ReadOnlyMemory<byte> tx in Transactions)
        {
            ReadOnlySpan<byte> encoded = tx.Span;
            length += IsLegacy(encoded) ? encoded.Length : RlpCodec.LengthOf(encoded);
        }
        return length;
    }

    private int OmmersContentLength()
    {
        int length = 0;
        foreach (BlockHeader ommer in Ommers) length += ommer.RlpLength;
        return length;
    }

    private static int WithdrawalsContentLength(IReadOnlyList<Withdrawal> withdrawals)
    {
        int length = 0;
        foreach (Withdrawal withdrawal in withdrawals) length += withdrawal.RlpLength;
        return length;
    }
}
