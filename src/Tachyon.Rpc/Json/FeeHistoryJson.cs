using System.Text.Json;
using Tachyon.Rpc.Backend;

namespace Tachyon.Rpc.Json;

public static class FeeHistoryJson
{
    public static IJsonResult Result(FeeHistory h) => new JsonResult(w => Write(w, h));

    public static void Write(Utf8JsonWriter w, FeeHistory h)
    {
        w.WriteStartObject();
        w.WriteQuantity("oldestBlock"u8, h.OldestBlock);
        w.WritePropertyName("baseFeePerGas"u8);
        w.WriteStartArray();
        foreach (var fee in h.BaseFeePerGas) w.WriteQuantityValue(fee);
        w.WriteEndArray();
        w.WritePropertyName("gasUsedRatio"u8);
        w.WriteStartArray();
        foreach (double ratio in h.GasUsedRatio) w.WriteNumberValue(ratio);
        w.WriteEndArray();
        if (h.BaseFeePerBlobGas is { } blobFees)
        {
            w.WritePropertyName("baseFeePerBlobGas"u8);
            w.WriteStartArray();
            foreach (var fee in blobFees) w.WriteQuantityValue(fee);
            w.WriteEndArray();
        }
        if (h.BlobGasUsedRatio is { } blobRatios)
        {
            w.WritePropertyName("blobGasUsedRatio"u8);
            w.WriteStartArray();
            foreach (double ratio in blobRatios) w.WriteNumberValue(ratio);
            w.WriteEndArray();
        }
        if (h.Reward is { } rewards)
        {
            w.WritePropertyName("reward"u8);
            w.WriteStartArray();
            foreach (var block in rewards)
            {
                w.WriteStartArray();
                foreach (var r in block) w.WriteQuantityValue(r);
                w.WriteEndArray();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }
}
