using System.Buffers;
using System.Buffers.Binary;
using RocksDbSharp;
using Tachyon.Core.Types;
using Tachyon.State.Storage;
using Tachyon.State.Trie;

namespace Tachyon.State.Layers;

/// <summary>Turns one finished layer into one WriteBatch: flat state, trie nodes, block data, metadata.</summary>
internal static class BatchBuilder
{
    public static void Build(StateDb db, DiffLayer layer, Hash256 root, List<NodeKey> prunedNodes, WriteBatch batch)
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
        // Address order: cheap sequential memtable inserts (see AddTrieNodes). Pairs sorted by an
        // 8-byte prefix key: no Address comparer calls and no dictionary lookup per account.
        var accounts = layer.ResolvedAccounts!;
        int count = accounts.Count;
        var pairs = ArrayPool<KeyValuePair<Address, AccountState?>>.Shared.Rent(count);
        ulong[] prefix = ArrayPool<ulong>.Shared.Rent(count);
        int copied = 0;
        foreach (var kv in accounts) pairs[copied++] = kv;
        for (int i = 0; i < count; i++) prefix[i] = BinaryPrimitives.ReadUInt64BigEndian(pairs[i].Key.Bytes);
        Array.Sort(prefix, pairs, 0, count);
        for (int i = 0; i < count; i++)
        {
            var (addr, account) = pairs[i];
            if (account is { } a) batch.Put(addr.Bytes, val[..FlatEncoding.EncodeAccount(a, val)], db.AccountsCf);
            else batch.Delete(addr.Bytes, db.AccountsCf);
        }
        ArrayPool<ulong>.Shared.Return(prefix);
        ArrayPool<KeyValuePair<Address, AccountState?>>.Shared.Return(pairs, clearArray: true);
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
        AddTrieNodes(layer.TrieChanges!.NewNodes, prunedNodes, batch, db.TrieCf);

        var block = layer.Block;
        Span<byte> num = stackalloc byte[8];
        FlatEncoding.BlockNumberKey(block.Number, num);
        batch.Put(num, block.Header, db.HeadersCf);
        batch.Put(num, block.Body!, db.BodiesCf); // built with the header, before the root task completes
        batch.Put(num, block.Receipts!, db.ReceiptsCf);
        if (block.Senders is { } senders) batch.Put(num, senders, db.SendersCf);
        Span<byte> loc = stackalloc byte[12];
        num.CopyTo(loc);
        for (int i = 0; i < block.TransactionHashes.Count; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(loc[8..], i);
            batch.Put(block.TransactionHashes[i].Bytes, loc, db.TxIndexCf);
        }
        batch.Put(ChainHead.Key, new ChainHead(block.Number, block.Hash, root).Encode(), db.MetadataCf);
    }

    /// <summary>
    /// New and pruned node records in key order. The memtable skiplist remembers where its last
    /// insert went, so sorted inserts skip most of the search that random hash keys otherwise pay
    /// in cache misses (the writer's largest cost). Born and pruned keys never overlap in one
    /// batch (a rebirth cancels the pending delete), so their relative order does not matter.
    /// </summary>
    private static void AddTrieNodes(NodeRecords born, List<NodeKey> pruned, WriteBatch batch, ColumnFamilyHandle cf)
    {
        int n = born.Count + pruned.Count;
        ulong[] order = ArrayPool<ulong>.Shared.Rent(n);
        int[] index = ArrayPool<int>.Shared.Rent(n);
        try
        {
            // Sort by the first 8 key bytes; ties (practically never) only cost a little speed.
            for (int i = 0; i < born.Count; i++) { order[i] = BinaryPrimitives.ReadUInt64BigEndian(born.StoreKeyAt(i)); index[i] = i; }
            for (int i = 0; i < pruned.Count; i++)
            {
                var k = pruned[i];
                order[born.Count + i] = BinaryPrimitives.ReadUInt64BigEndian(k.InStorage ? k.Owner.Bytes : k.Hash.Bytes);
                index[born.Count + i] = born.Count + i;
            }
            Array.Sort(order, index, 0, n);
            Span<byte> key = stackalloc byte[NodeKey.MaxLength];
            for (int j = 0; j < n; j++)
            {
                int i = index[j];
                if (i < born.Count) batch.Put(born.StoreKeyAt(i), born.ValueAt(i), cf);
                else
                {
                    var k = pruned[i - born.Count];
                    batch.Delete(key[..k.WriteTo(key)], cf);
                }
            }
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(order);
            ArrayPool<int>.Shared.Return(index);
        }
    }
}
