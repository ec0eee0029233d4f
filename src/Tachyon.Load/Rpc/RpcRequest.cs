using System.Text;
using Tachyon.Core.Types;

namespace Tachyon.Load.Rpc;

/// <summary>Builds JSON-RPC request bodies as UTF-8 bytes (pre-built once for pre-signed transactions).</summary>
public static class RpcRequest
{
    /// <param name="paramsJson">The params array as JSON text, e.g. <c>["0x..", "latest"]</c>.</param>
    public static byte[] Build(long id, string method, string paramsJson) =>
        Encoding.UTF8.GetBytes($"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"method\":\"{method}\",\"params\":{paramsJson}}}");

    /// <summary>A request carrying one raw signed transaction.</summary>
    public static byte[] SendRaw(long id, string method, ReadOnlySpan<byte> rawTx) =>
        Build(id, method, "[\"" + Hex.ToHex(rawTx) + "\"]");
}
