using System.Buffers.Binary;
using RocksDbSharp;
using Tachyon.Core.Types;
using Tachyon.State.Storage;

namespace Tachyon.State.Layers;

/// <summary>Turns one finished layer into one WriteBatch: flat state, trie nodes, block data, metadata.</summary>
internal static class BatchBuilder
{
    public static void Build(StateDb db, DiffLayer layer, Hash256 root, WriteBatch batch)
    {
        Span<byte> key = stackalloc byte[FlatEncoding.StorageKeySize + 1];
        Span<byte> val = stackalloc byte[FlatEncoding.MaxAccountSize];

        // Wipes before slot writes: the batch applies in order.
        foreach (var a in layer.WipedStorage)
        {
            byte[] start = new byte[FlatEncoding.StorageKeySize];
            byte[] end = new byte[FlatEncoding.StorageKeySize + 1];
            a.Bytes.CopyTo(start);
            a.Bytes.CopyTo(end);
            end.AsSpan(Address.Size, 32).Fill(0xFF);
            batch.DeleteRange(start, (ulong)start.Length, end, (ulong)end.Length, db.StorageCf);
        }
        foreach (var (addr, acc) in layer.ResolvedAccounts!)
        {
            if (acc is { } a) batch.Put(addr.Bytes, val[..FlatEncoding.EncodeAccount(a, val)], db.AccountsCf);
            else batch.Delete(addr.Bytes, db.AccountsCf);
        }
        Span<byte> word = stackalloc byte[32];
        foreach (var (k, v) in layer.Storage)
        {
            FlatEncoding.StorageKey(k.Address, k.Slot, key);
            if (v.IsZero) batch.Delete(key[..FlatEncoding.StorageKeySize], db.StorageCf);
            else
            {
                int n = v.WriteBigEndianMinimal(word);
                batch.Put(key[..FlatEncoding.StorageKeySize], word[..n], db.StorageCf);
            }
        }
        foreach (var (h, code) in layer.Code) batch.Put(h.Bytes, code, db.CodeCf);
        var nodes = layer.TrieChanges!.NewNodes;
        Span<byte> nodeKey = stackalloc byte[Trie.NodeKey.MaxLength];
        for (int i = 0; i < nodes.Count; i++)
            batch.Put(nodeKey[..nodes.KeyAt(i).WriteTo(nodeKey)], nodes.ValueAt(i), db.TrieCf);

        var block = layer.Block;
        Span<byte> num = stackalloc byte[8];
        FlatEncoding.BlockNumberKey(block.Number, num);
        batch.Put(num, block.Header, db.HeadersCf);
        batch.Put(num, block.Body, db.BodiesCf);
        batch.Put(num, block.Receipts, db.ReceiptsCf);
        Span<byte> loc = stackalloc byte[12];
        num.CopyTo(loc);
        for (int i = 0; i < block.TransactionHashes.Count; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(loc[8..], i);
            batch.Put(block.TransactionHashes[i].Bytes, loc, db.TxIndexCf);
        }
        batch.Put(ChainHead.Key, new ChainHead(block.Number, block.Hash, root).Encode(), db.MetadataCf);
    }
}
