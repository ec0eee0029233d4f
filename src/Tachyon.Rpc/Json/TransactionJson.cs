using System.Text.Json;
using Tachyon.Core.Numerics;
using Tachyon.Core.Transactions;
using Tachyon.Rpc.Backend;

namespace Tachyon.Rpc.Json;

/// <summary>The execution-apis transaction object, with the fields each type carries (ethers v6 / viem shapes).</summary>
public static class TransactionJson
{
    public static IJsonResult Result(TransactionInfo info) => new JsonResult(w => Write(w, info));

    public static void Write(Utf8JsonWriter w, TransactionInfo info)
    {
        Transaction tx = info.Transaction;
        w.WriteStartObject();
        w.WriteHashOrNull("blockHash"u8, info.BlockHash);
        w.WriteQuantityOrNull("blockNumber"u8, info.BlockNumber);
        if (info.BlockTimestamp is ulong ts) w.WriteQuantity("blockTimestamp"u8, ts);
        w.WriteAddress("from"u8, info.Sender);
        w.WriteQuantity("gas"u8, tx.GasLimit);
        w.WriteQuantity("gasPrice"u8, EffectiveGasPrice(tx, info.BlockBaseFee, info.BlockHash is not null));
        if (tx.Type >= TransactionType.DynamicFee)
        {
            w.WriteQuantity("maxFeePerGas"u8, tx.MaxFeePerGas);
            w.WriteQuantity("maxPriorityFeePerGas"u8, tx.MaxPriorityFeePerGas);
        }
        if (tx.Type == TransactionType.Blob)
        {
            w.WriteQuantity("maxFeePerBlobGas"u8, tx.MaxFeePerBlobGas);
            w.WritePropertyName("blobVersionedHashes"u8);
            w.WriteStartArray();
            foreach (var h in tx.BlobVersionedHashes) w.WriteHashValue(h);
            w.WriteEndArray();
        }
        w.WriteHash("hash"u8, tx.Hash);
        w.WriteData("input"u8, tx.Data.Span);
        w.WriteQuantity("nonce"u8, tx.Nonce);
        w.WriteAddressOrNull("to"u8, tx.To);
        w.WriteQuantityOrNull("transactionIndex"u8, info.TransactionIndex);
        w.WriteQuantity("value"u8, tx.Value);
        w.WriteQuantity("type"u8, (ulong)tx.Type);
        if (tx.Type != TransactionType.Legacy)
        {
            w.WritePropertyName("accessList"u8);
            WriteAccessList(w, tx.AccessList);
        }
        if (tx.Type == TransactionType.SetCode)
        {
            w.WritePropertyName("authorizationList"u8);
            WriteAuthorizations(w, tx.AuthorizationList);
        }
        if (tx.ChainId is ulong chainId) w.WriteQuantity("chainId"u8, chainId);
        w.WriteQuantity("v"u8, tx.V);
        w.WriteQuantity("r"u8, tx.R);
        w.WriteQuantity("s"u8, tx.S);
        if (tx.Type != TransactionType.Legacy) w.WriteQuantity("yParity"u8, tx.V);
        w.WriteEndObject();
    }

    /// <summary>
    /// gasPrice as clients expect it: the price paid once mined (min(maxFee, baseFee + tip)), the
    /// fee cap while pending, and the legacy gas price for types 0 and 1.
    /// </summary>
    public static UInt256 EffectiveGasPrice(Transaction tx, UInt256? baseFee, bool mined)
    {
        if (tx.Type is TransactionType.Legacy or TransactionType.AccessList) return tx.GasPrice;
        if (!mined || baseFee is not UInt256 fee) return tx.MaxFeePerGas;
        UInt256 withTip = fee + tx.MaxPriorityFeePerGas;
        return withTip < tx.MaxFeePerGas ? withTip : tx.MaxFeePerGas;
    }

    public static void WriteAccessList(Utf8JsonWriter w, IReadOnlyList<AccessListItem> list)
    {
        w.WriteStartArray();
        foreach (AccessListItem item in list)
        {
            w.WriteStartObject();
            w.WriteAddress("address"u8, item.Address);
            w.WritePropertyName("storageKeys"u8);
            w.WriteStartArray();
            foreach (var key in item.StorageKeys) w.WriteHashValue(key);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    public static void WriteAuthorizations(Utf8JsonWriter w, IReadOnlyList<AuthorizationTuple> list)
    {
        w.WriteStartArray();
        foreach (AuthorizationTuple a in list)
        {
            w.WriteStartObject();
            w.WriteQuantity("chainId"u8, a.ChainId);
            w.WriteAddress("address"u8, a.Address);
            w.WriteQuantity("nonce"u8, a.Nonce);
            w.WriteQuantity("yParity"u8, a.YParity);
            w.WriteQuantity("r"u8, a.R);
            w.WriteQuantity("s"u8, a.S);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}
