using System.Buffers;
using System.Text.Json;

namespace Tachyon.Rpc.Json;

/// <summary>
/// A per-thread buffer and JSON writer for building one response (writing is synchronous, so a
/// thread uses one at a time; a nested rent gets fresh ones). Saves three allocations per response;
/// a buffer that grew past <see cref="KeepBytes"/> (a big eth_getLogs answer) is dropped, not kept.
/// </summary>
internal static class ResponseWriter
{
    private const int KeepBytes = 64 * 1024;

    [ThreadStatic] private static ArrayBufferWriter<byte>? t_buffer;
    [ThreadStatic] private static Utf8JsonWriter? t_writer;

    /// <summary>A writer over an empty buffer; hand both back with <see cref="Return"/>.</summary>
    public static Utf8JsonWriter Rent(out ArrayBufferWriter<byte> buffer)
    {
        buffer = t_buffer ?? new ArrayBufferWriter<byte>(512);
        Utf8JsonWriter? w = t_writer;
        t_buffer = null;
        t_writer = null;
        buffer.ResetWrittenCount();
        if (w is null) return new Utf8JsonWriter(buffer, JsonRpcWriting.WriterOptions);
        w.Reset(buffer);
        return w;
    }

    public static void Return(Utf8JsonWriter writer, ArrayBufferWriter<byte> buffer)
    {
        if (buffer.Capacity > KeepBytes) return;
        t_buffer = buffer;
        t_writer = writer;
    }
}
