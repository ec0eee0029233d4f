using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Tachyon.Rpc.Backend;
using Tachyon.Rpc.Json;
using Tachyon.Rpc.Methods;
using Tachyon.Rpc.Filters;
using Tachyon.Rpc.Subscriptions;

namespace Tachyon.Rpc.Server;

/// <summary>
/// Transport-independent JSON-RPC 2.0: parses a body (single request or batch), dispatches each
/// request, and builds the response bytes. Never throws for bad input; null means "send nothing"
/// (only notifications).
/// </summary>
public sealed partial class JsonRpcProcessor(RpcMethodRegistry methods, IEthBackend backend, RpcServerOptions options, ILogger logger)
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    public RpcServerOptions Options => options;

    /// <summary>Polling filters (eth_newFilter ...), shared by every connection of this server.</summary>
    public FilterStore Filters { get; } = new(backend);

    public async ValueTask<byte[]?> ProcessAsync(ReadOnlySequence<byte> body, ISubscriptionHost? connection, CancellationToken aborted)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException e)
        {
            return JsonRpcWriting.ErrorResponse(RpcErrorCodes.ParseError, $"parse error: {Trim(e.Message)}");
        }
        using (document)
        {
            var context = new RpcContext(backend, options, logger, connection, aborted) { Filters = Filters };
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array) return await ProcessOneAsync(root, context).ConfigureAwait(false);

            int count = root.GetArrayLength();
            if (count == 0) return JsonRpcWriting.ErrorResponse(RpcErrorCodes.InvalidRequest, "empty batch");
            if (count > options.MaxBatchLength)
                return JsonRpcWriting.ErrorResponse(RpcErrorCodes.InvalidRequest, $"batch too large: {count} requests, at most {options.MaxBatchLength}");

            var tasks = new Task<byte[]?>[count];
            int i = 0;
            foreach (JsonElement item in root.EnumerateArray()) tasks[i++] = ProcessOneAsync(item, context).AsTask();
            byte[]?[] responses = await Task.WhenAll(tasks).ConfigureAwait(false);

            int size = 2;
            int present = 0;
            foreach (byte[]? r in responses)
                if (r is not null) { size += r.Length + 1; present++; }
            if (present == 0) return null;
            byte[] output = new byte[size - 1];
            int o = 0;
            output[o++] = (byte)'[';
            foreach (byte[]? r in responses)
            {
                if (r is null) continue;
                if (o > 1) output[o++] = (byte)',';
                r.CopyTo(output, o);
                o += r.Length;
            }
            output[o] = (byte)']';
            return output;
        }
    }

    private async ValueTask<byte[]?> ProcessOneAsync(JsonElement request, RpcContext context)
    {
        if (request.ValueKind != JsonValueKind.Object)
            return Error(null, RpcErrorCodes.InvalidRequest, "invalid request: expected a JSON object");

        JsonElement? id = null;
        bool isNotification = true;
        if (request.TryGetProperty("id", out JsonElement idElement))
        {
            isNotification = false;
            if (idElement.ValueKind is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.Null))
                return Error(null, RpcErrorCodes.InvalidRequest, "invalid request: id must be a string, number or null");
            id = idElement;
        }
        if (!request.TryGetProperty("jsonrpc", out JsonElement version) || version.ValueKind != JsonValueKind.String || !version.ValueEquals("2.0"u8))
            return Error(id, RpcErrorCodes.InvalidRequest, "invalid request: \"jsonrpc\" must be \"2.0\"");
        if (!request.TryGetProperty("method", out JsonElement methodElement) || methodElement.ValueKind != JsonValueKind.String)
            return Error(id, RpcErrorCodes.InvalidRequest, "invalid request: \"method\" must be a string");
        string method = methodElement.GetString()!;

        JsonElement parameters = default;
        if (request.TryGetProperty("params", out JsonElement p))
        {
            if (p.ValueKind == JsonValueKind.Object)
                return isNotification ? null : Error(id, RpcErrorCodes.InvalidParams, "named parameters are not supported: pass params as an array");
            if (p.ValueKind is not (JsonValueKind.Array or JsonValueKind.Null))
                return Error(id, RpcErrorCodes.InvalidRequest, "invalid request: \"params\" must be an array");
            parameters = p;
        }

        if (!methods.TryGet(method, out RpcHandler? handler))
            return isNotification ? null : Error(id, RpcErrorCodes.MethodNotFound, $"the method {Trim(method)} does not exist/is not available");

        long started = Stopwatch.GetTimestamp();
        byte[]? response;
        try
        {
            RpcResult result = await handler(context, new ParamReader(parameters)).ConfigureAwait(false);
            response = isNotification ? null : Success(id, result);
        }
        catch (RpcException e)
        {
            response = isNotification ? null : Error(id, e.Code, e.Message, e.Data);
        }
        catch (OperationCanceledException) when (context.Aborted.IsCancellationRequested)
        {
            response = isNotification ? null : Error(id, RpcErrorCodes.InternalError, "request cancelled");
        }
        catch (Exception e)
        {
            LogHandlerFailure(logger, method, e);
            response = isNotification ? null : Error(id, RpcErrorCodes.InternalError, "internal error");
        }
        if (logger.IsEnabled(LogLevel.Debug))
            LogServed(logger, method, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return response;
    }

    private byte[] Success(JsonElement? id, RpcResult result)
    {
        Utf8JsonWriter w = ResponseWriter.Rent(out ArrayBufferWriter<byte> buffer);
        try
        {
            w.WriteStartObject();
            w.WriteString("jsonrpc"u8, "2.0"u8);
            JsonRpcWriting.WriteId(w, id);
            w.WritePropertyName("result"u8);
            result.WriteTo(w);
            w.WriteEndObject();
            w.Flush();
            return buffer.WrittenSpan.ToArray();
        }
        catch (Exception e)
        {
            LogHandlerFailure(logger, "(result formatting)", e);
            return Error(id, RpcErrorCodes.InternalError, "internal error");
        }
        finally
        {
            ResponseWriter.Return(w, buffer);
        }
    }

    private static byte[] Error(JsonElement? id, int code, string message, string? data = null)
    {
        Utf8JsonWriter w = ResponseWriter.Rent(out ArrayBufferWriter<byte> buffer);
        try
        {
            JsonRpcWriting.WriteError(w, id, code, message, data);
            w.Flush();
            return buffer.WrittenSpan.ToArray();
        }
        finally
        {
            ResponseWriter.Return(w, buffer);
        }
    }

    private static string Trim(string s) => s.Length <= 200 ? s : string.Concat(s.AsSpan(0, 197), "...");

    [LoggerMessage(Level = LogLevel.Debug, Message = "RPC {Method} served in {ElapsedMs:F3} ms")]
    private static partial void LogServed(ILogger logger, string method, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "RPC {Method} failed with an unexpected exception")]
    private static partial void LogHandlerFailure(ILogger logger, string method, Exception exception);
}
