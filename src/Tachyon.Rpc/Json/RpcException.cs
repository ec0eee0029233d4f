namespace Tachyon.Rpc.Json;

/// <summary>Thrown by handlers to answer with a JSON-RPC error object. <see cref="Data"/> is written as a JSON string when set.</summary>
public sealed class RpcException(int code, string message, string? data = null) : Exception(message)
{
    public int Code { get; } = code;

    public new string? Data { get; } = data;

    public static RpcException InvalidParams(string message) => new(RpcErrorCodes.InvalidParams, message);

    public static RpcException HeaderNotFound() => new(RpcErrorCodes.ServerError, "header not found");
}
