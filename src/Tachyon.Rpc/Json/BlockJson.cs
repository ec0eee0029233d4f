using System.Text.Json;
using Tachyon.Core.Blocks;
using Tachyon.Rpc.Backend;

namespace Tachyon.Rpc.Json;

/// <summary>The execution-apis block object; also the newHeads notification (header fields only).</summary>
public static class BlockJson
{
    public static IJsonResult Result(BlockInfo block, bool fullTransactions) => new JsonResult(w => Write(w, block, fullTransactions));

    public static IJsonResult HeaderResult(BlockHeader header) => new JsonResult(w =>
    {
        w.WriteStartObject();
        WriteHeaderFields(w, header);
        w.WriteEndObject();
    });

    public static void Write(Utf8JsonWriter w, BlockInfo block, bool fullTransactions)
    {
        w.WriteStartObject();
        WriteHeaderFields(w, block.Header);
        w.WriteQuantity("size"u8, block.Size);
        w.WritePropertyName("transactions"u8);
        w.WriteStartArray();
        foreach (TransactionInfo tx in block.Transactions)
        {
            if (fullTransactions) TransactionJson.Write(w, tx);
            else w.WriteHashValue(tx.Transaction.Hash);
        }
        w.WriteEndArray();
        w.WritePropertyName("uncles"u8);
        w.WriteStartArray();
        foreach (var h in block.Uncles) w.WriteHashValue(h);
        w.WriteEndArray();
        if (block.Withdrawals is { } withdrawals)
        {
            w.WritePropertyName("withdrawals"u8);
            w.WriteStartArray();
            foreach (Withdrawal wd in withdrawals)
            {
                w.WriteStartObject();
                w.WriteQuantity("index"u8, wd.Index);
                w.WriteQuantity("validatorIndex"u8, wd.ValidatorIndex);
                w.WriteAddress("address"u8, wd.Address);
                w.WriteQuantity("amount"u8, wd.AmountGwei);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    public static void WriteHeaderFields(Utf8JsonWriter w, BlockHeader h)
    {
        w.WriteHash("hash"u8, h.Hash);
        w.WriteHash("parentHash"u8, h.ParentHash);
        w.WriteHash("sha3Uncles"u8, h.OmmersHash);
        w.WriteAddress("miner"u8, h.Coinbase);
        w.WriteHash("stateRoot"u8, h.StateRoot);
        w.WriteHash("transactionsRoot"u8, h.TransactionsRoot);
        w.WriteHash("receiptsRoot"u8, h.ReceiptsRoot);
        w.WriteBloom("logsBloom"u8, h.LogsBloom);
        w.WriteQuantity("difficulty"u8, h.Difficulty);
        w.WriteQuantity("number"u8, h.Number);
        w.WriteQuantity("gasLimit"u8, h.GasLimit);
        w.WriteQuantity("gasUsed"u8, h.GasUsed);
        w.WriteQuantity("timestamp"u8, h.Timestamp);
        w.WriteData("extraData"u8, h.ExtraData.Span);
        w.WriteHash("mixHash"u8, h.MixHash);
        Span<byte> nonce = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(nonce, h.Nonce);
        w.WriteData("nonce"u8, nonce);
        if (h.BaseFeePerGas is { } baseFee) w.WriteQuantity("baseFeePerGas"u8, baseFee);
        if (h.WithdrawalsRoot is { } wr) w.WriteHash("withdrawalsRoot"u8, wr);
        if (h.BlobGasUsed is ulong blobGas) w.WriteQuantity("blobGasUsed"u8, blobGas);
        if (h.ExcessBlobGas is ulong excess) w.WriteQuantity("excessBlobGas"u8, excess);
        if (h.ParentBeaconBlockRoot is { } pbr) w.WriteHash("parentBeaconBlockRoot"u8, pbr);
        if (h.RequestsHash is { } rh) w.WriteHash("requestsHash"u8, rh);
    }
}
