using Tachyon.Core.Blocks;
using Tachyon.Core.Rlp;
using Tachyon.Core.Transactions;
using Tachyon.Core.Types;
using Tachyon.Evm.Interpreter;
using RlpCodec = Tachyon.Core.Rlp.Rlp;

namespace Tachyon.Sequencer.Chain;

/// <summary>The stored forms of a block's body and receipts, and reading a block back into <see cref="BlockData"/>.</summary>
internal static class BlockCodec
{
    /// <summary>RLP list of receipts in their network form (typed ones wrapped as byte strings).</summary>
    public static byte[] EncodeReceipts(IReadOnlyList<Receipt> receipts)
    {
        int content = 0;
        foreach (Receipt r in receipts) content += r.RlpLength;
        var buffer = new byte[RlpCodec.LengthOfList(content)];
        var writer = new RlpWriter(buffer);
        writer.WriteListHeader(content);
        foreach (Receipt r in receipts) r.WriteTo(ref writer);
        return buffer;
    }

    /// <summary>
    /// The same list built from the receipts' consensus encodings (already made for the receipts root):
    /// a legacy receipt (starts with a list header) goes in as is, a typed one as a byte string.
    /// </summary>
    public static byte[] EncodeReceiptsFromEncodings(IReadOnlyList<ReadOnlyMemory<byte>> encodings)
    {
        int content = 0;
        foreach (ReadOnlyMemory<byte> e in encodings) content += IsLegacy(e.Span) ? e.Length : RlpCodec.LengthOfList(e.Length);
        var buffer = new byte[RlpCodec.LengthOfList(content)];
        var writer = new RlpWriter(buffer);
        writer.WriteListHeader(content);
        foreach (ReadOnlyMemory<byte> e in encodings)
            if (IsLegacy(e.Span)) writer.WriteRaw(e.Span);
            else writer.WriteBytes(e.Span); // ≥ 2 bytes: always with a string header
        return buffer;

        static bool IsLegacy(ReadOnlySpan<byte> encoding) => encoding[0] >= 0xC0;
    }

    public static List<Receipt> DecodeReceipts(ReadOnlySpan<byte> rlp)
    {
        var outer = new RlpReader(rlp);
        RlpReader list = outer.ReadList();
        var receipts = new List<Receipt>();
        while (list.HasMore) receipts.Add(Receipt.ReadFrom(ref list));
        return receipts;
    }

    /// <summary>
    /// Rebuilds a stored block: decodes it and takes each sender from <paramref name="senders"/> (20 bytes
    /// per transaction, as stored with the block), or recovers it from the signature when the block was
    /// stored without them.
    /// </summary>
    public static BlockData Load(byte[] header, byte[] body, byte[] receipts, byte[]? senders = null)
    {
        BlockHeader h = BlockHeader.Decode(header);
        BlockBody b = BlockBody.Decode(body);
        List<Receipt> rs = DecodeReceipts(receipts);
        if (rs.Count != b.Transactions.Count)
            throw new InvalidDataException($"block {h.Number}: {b.Transactions.Count} transactions but {rs.Count} receipts");
        var txs = new ExecutedTransaction[rs.Count];
        ulong previousGas = 0, logIndex = 0;
        for (int i = 0; i < txs.Length; i++)
        {
            Transaction tx = TransactionDecoder.Decode(b.Transactions[i].Span);
            Address sender;
            if (senders is not null && senders.Length == rs.Count * Address.Size)
                sender = new Address(senders.AsSpan(i * Address.Size, Address.Size));
            else if (!SenderRecovery.TryRecoverSender(tx, out sender, out string error))
                throw new InvalidDataException($"block {h.Number} transaction {i}: {error}");
            Receipt r = rs[i];
            Address? created = tx.To is null && r.Success ? VirtualMachine.CreateAddress(sender, tx.Nonce) : null;
            txs[i] = new ExecutedTransaction(tx, sender, i, r, r.CumulativeGasUsed - previousGas,
                ExecutedTransaction.EffectivePrice(tx, h.BaseFeePerGas ?? default), created, logIndex);
            previousGas = r.CumulativeGasUsed;
            logIndex += (ulong)r.Logs.Count;
        }
        return new BlockData(h, txs);
    }
}
