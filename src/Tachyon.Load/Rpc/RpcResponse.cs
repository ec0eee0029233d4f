using System.Text.Json;

namespace Tachyon.Load.Rpc;

/// <summary>A JSON-RPC error, or a transport failure (<see cref="TransportError"/>: no answer from the node).</summary>
public readonly record struct RpcError(long Code, string Message)
{
    public const long TransportError = -1;
    public bool IsTransport => Code == TransportError;

    /// <summary>The node does not have the method (-32601 by the spec; Hardhat answers -32004 "not supported").</summary>
    public bool IsMethodMissing => Code is -32601 or -32004 || Message.Contains("not supported", StringComparison.OrdinalIgnoreCase)
        || Message.Contains("method not found", StringComparison.OrdinalIgnoreCase) || Message.Contains("does not exist", StringComparison.OrdinalIgnoreCase);

    public override string ToString() => IsTransport ? Message : $"{Message} (code {Code})";
}

/// <summary>One JSON-RPC answer: a result (a detached JSON value) or an error.</summary>
public readonly struct RpcResponse
{
    public JsonElement Result { get; }
    public RpcError? Error { get; }
    public long Id { get; }

    public RpcResponse(long id, JsonElement result)
    {
        Id = id;
        Result = result;
        Error = null;
    }

    public RpcResponse(long id, RpcError error)
    {
        Id = id;
        Result = default;
        Error = error;
    }

    public bool Ok => Error is null;

    public static RpcResponse Transport(long id, string message) => new(id, new RpcError(RpcError.TransportError, message));

    /// <summary>Parses one response object. A body that is not a JSON-RPC response becomes a transport error.</summary>
    public static RpcResponse Parse(ReadOnlyMemory<byte> utf8)
    {
        try
        {
            using JsonDocument doc = JsonDocument.Parse(utf8);
            return FromElement(doc.RootElement);
        }
        catch (JsonException e)
        {
            return Transport(-1, "the node's answer is not JSON: " + e.Message);
        }
    }

    /// <summary>
    /// Parses an answer that may be a batch (a JSON array of responses) or one response object, and
    /// hands each response to <paramref name="each"/>. A body that is not JSON gives one transport error.
    /// </summary>
    public static void ParseEach<TState>(ReadOnlyMemory<byte> utf8, TState state, Action<TState, RpcResponse> each)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(utf8);
        }
        catch (JsonException e)
        {
            each(state, Transport(-1, "the node's answer is not JSON: " + e.Message));
            return;
        }
        using (doc)
        {
            JsonElement root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Array)
            {
                each(state, FromElement(root));
                return;
            }
            foreach (JsonElement e in root.EnumerateArray()) each(state, FromElement(e));
        }
    }

    /// <summary>
    /// The answers to a batch whose calls carry <paramref name="ids"/>, in the same order. An answer that
    /// is one object with no matching id (the node refused the whole batch) is every call's error.
    /// </summary>
    public static RpcResponse[] ParseBatch(ReadOnlyMemory<byte> utf8, IReadOnlyList<long> ids)
    {
        var answers = new RpcResponse[ids.Count];
        var got = new bool[ids.Count];
        RpcResponse? whole = null;
        ParseEach(utf8, (ids, answers, got), (st, r) =>
        {
            int i = IndexOf(st.ids, r.Id);
            if (i >= 0)
            {
                st.answers[i] = r;
                st.got[i] = true;
            }
            else if (!r.Ok) whole = r;
        });
        for (int i = 0; i < answers.Length; i++)
        {
            if (got[i]) continue;
            answers[i] = whole is RpcResponse w ? new RpcResponse(ids[i], w.Error!.Value) : Transport(ids[i], "the batch answer lacks this call");
        }
        return answers;
    }

    private static int IndexOf(IReadOnlyList<long> ids, long id)
    {
        for (int i = 0; i < ids.Count; i++)
            if (ids[i] == id) return i;
        return -1;
    }

    public static RpcResponse FromElement(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object) return Transport(-1, "the node's answer is not a JSON-RPC object");
        long id = root.TryGetProperty("id", out JsonElement idEl) && idEl.ValueKind == JsonValueKind.Number && idEl.TryGetInt64(out long n) ? n : -1;
        if (root.TryGetProperty("error", out JsonElement err) && err.ValueKind == JsonValueKind.Object)
        {
            long code = err.TryGetProperty("code", out JsonElement c) && c.TryGetInt64(out long cv) ? cv : 0;
            string msg = err.TryGetProperty("message", out JsonElement m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : err.GetRawText();
            return new RpcResponse(id, new RpcError(code, msg));
        }
        if (root.TryGetProperty("result", out JsonElement result)) return new RpcResponse(id, result.Clone());
        return Transport(id, "the node's answer has neither result nor error");
    }
}
