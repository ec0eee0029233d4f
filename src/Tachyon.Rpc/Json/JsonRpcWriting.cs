using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Tachyon.Rpc.Json;

/// <summary>Shared writer settings and the JSON-RPC 2.0 envelope.</summary>
public static class JsonRpcWriting
{
    /// <summary>Compact output; relaxed escaping so messages keep '+', '&lt;' and quotes readable (responses are never embedded in HTML).</summary>
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = true,
    };

    public static void WriteError(Utf8JsonWriter w, JsonElement? id, int code, string message, string? data)
    {
        w.WriteStartObject();
        w.WriteString("jsonrpc"u8, "2.0"u8);
        WriteId(w, id);
        w.WritePropertyName("error"u8);
        w.WriteStartObject();
        w.WriteNumber("code"u8, code);
        w.WriteString("message"u8, message);
        if (data is not null) w.WriteString("data"u8, data);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    public static void WriteId(Utf8JsonWriter w, JsonElement? id)
    {
        w.WritePropertyName("id"u8);
        if (id is { } value) value.WriteTo(w);
        else w.WriteNullValue();
    }

    /// <summary>A standalone error response (id null), e.g. for parse errors and rejected bodies.</summary>
    public static byte[] ErrorResponse(int code, string message)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions)) WriteError(w, null, code, message, null);
        return buffer.WrittenSpan.ToArray();
    }
}
