using System.Text.Json;
using Tachyon.Core.Blocks;
using Tachyon.Rpc.Backend;

namespace Tachyon.Rpc.Json;

/// <summary>The execution-apis receipt and log objects.</summary>
public static class ReceiptJson
{
    public static IJsonResult Result(ReceiptInfo receipt) => new JsonResult(w => Write(w, receipt));

    public static IJsonResult ListResult(IReadOnlyList<ReceiptInfo> receipts) => new JsonResult(w =>
    {
        w.WriteStartArray();
        foreach (ReceiptInfo r in receipts) Write(w, r);
        w.WriteEndArray();
    });

    public static void Write(Utf8JsonWriter w, ReceiptInfo info)
    {
        Receipt r = info.Receipt;
        w.WriteStartObject();
        w.WriteHash("transactionHash"u8, info.TransactionHash);
        w.WriteQuantity("transactionIndex"u8, info.TransactionIndex);
        w.WriteHash("blockHash"u8, info.BlockHash);
        w.WriteQuantity("blockNumber"u8, info.BlockNumber);
        w.WriteAddress("from"u8, info.From);
        w.WriteAddressOrNull("to"u8, info.To);
        w.WriteQuantity("cumulativeGasUsed"u8, r.CumulativeGasUsed);
        w.WriteQuantity("gasUsed"u8, info.GasUsed);
        w.WriteAddressOrNull("contractAddress"u8, info.ContractAddress);
        w.WritePropertyName("logs"u8);
        w.WriteStartArray();
        for (int i = 0; i < r.Logs.Count; i++)
            WriteLog(w, r.Logs[i], info.BlockHash, info.BlockNumber, info.TransactionHash, info.TransactionIndex,
                info.FirstLogIndex + (ulong)i, removed: false, info.BlockTimestamp);
        w.WriteEndArray();
        w.WriteBloom("logsBloom"u8, r.Bloom);
        w.WriteQuantity("type"u8, r.TxType);
        w.WriteQuantity("status"u8, r.Success ? 1UL : 0UL);
        w.WriteQuantity("effectiveGasPrice"u8, info.EffectiveGasPrice);
        if (info.BlobGasUsed is ulong blobGas) w.WriteQuantity("blobGasUsed"u8, blobGas);
        if (info.BlobGasPrice is { } blobPrice) w.WriteQuantity("blobGasPrice"u8, blobPrice);
        w.WriteEndObject();
    }

    public static void WriteLog(Utf8JsonWriter w, LogInfo log) =>
        WriteLog(w, log.Log, log.BlockHash, log.BlockNumber, log.TransactionHash, log.TransactionIndex, log.LogIndex, log.Removed, log.BlockTimestamp);

    public static void WriteLog(Utf8JsonWriter w, Log log, Core.Types.Hash256 blockHash, ulong blockNumber,
        Core.Types.Hash256 txHash, ulong txIndex, ulong logIndex, bool removed, ulong? blockTimestamp)
    {
        w.WriteStartObject();
        w.WriteAddress("address"u8, log.Address);
        w.WritePropertyName("topics"u8);
        w.WriteStartArray();
        foreach (var t in log.Topics) w.WriteHashValue(t);
        w.WriteEndArray();
        w.WriteData("data"u8, log.Data.Span);
        w.WriteHash("blockHash"u8, blockHash);
        w.WriteQuantity("blockNumber"u8, blockNumber);
        if (blockTimestamp is ulong ts) w.WriteQuantity("blockTimestamp"u8, ts);
        w.WriteHash("transactionHash"u8, txHash);
        w.WriteQuantity("transactionIndex"u8, txIndex);
        w.WriteQuantity("logIndex"u8, logIndex);
        w.WriteBoolean("removed"u8, removed);
        w.WriteEndObject();
    }

    public static IJsonResult LogsResult(IReadOnlyList<LogInfo> logs) => new JsonResult(w =>
    {
        w.WriteStartArray();
        foreach (LogInfo l in logs) WriteLog(w, l);
        w.WriteEndArray();
    });
}
