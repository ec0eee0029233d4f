using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;
using Tachyon.Rpc.Json;

namespace Tachyon.Rpc.Server;

/// <summary>JSON-RPC over HTTP POST, with the body-size limit enforced while reading (413 + JSON-RPC error).</summary>
internal sealed class HttpRpcHandler(JsonRpcProcessor processor)
{
    private const string JsonContentType = "application/json";

    public async Task HandleAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = "POST, OPTIONS";
            return;
        }
        long max = processor.Options.MaxRequestBodyBytes;
        if (context.Request.ContentLength is long declared && declared > max)
        {
            await RejectTooLargeAsync(context, max).ConfigureAwait(false);
            return;
        }

        PipeReader reader = context.Request.BodyReader;
        ReadResult read;
        while (true)
        {
            read = await reader.ReadAsync(context.RequestAborted).ConfigureAwait(false);
            if (read.Buffer.Length > max)
            {
                reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
                await RejectTooLargeAsync(context, max).ConfigureAwait(false);
                return;
            }
            if (read.IsCompleted) break;
            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End); // keep everything, ask for more
        }

        byte[]? response;
        try
        {
            response = await processor.ProcessAsync(read.Buffer, null, context.RequestAborted).ConfigureAwait(false);
        }
        finally
        {
            reader.AdvanceTo(read.Buffer.End);
        }
        context.Response.StatusCode = StatusCodes.Status200OK;
        if (response is null) return; // only notifications: nothing to answer
        context.Response.ContentType = JsonContentType;
        context.Response.ContentLength = response.Length;
        await context.Response.Body.WriteAsync(response, context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task RejectTooLargeAsync(HttpContext context, long max)
    {
        byte[] body = JsonRpcWriting.ErrorResponse(RpcErrorCodes.InvalidRequest, $"request body too large (limit {max} bytes)");
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        context.Response.ContentType = JsonContentType;
        context.Response.ContentLength = body.Length;
        context.Response.Headers.Connection = "close";
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }
}
