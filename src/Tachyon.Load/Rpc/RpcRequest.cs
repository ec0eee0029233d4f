using System.Text;
using Tachyon.Core.Types;

namespace Tachyon.Load.Rpc;

/// <summary>Builds JSON-RPC request bodies as UTF-8 bytes (pre-built once for pre-signed transactions).</summary>
public static class RpcRequest
{
    /// <param name="paramsJson">The params array as JSON text, e.g. <c>["0x..", "latest"]</c>.</param>
    public static byte[] Build(long id, string method, string paramsJson) =>
        Encoding.UTF8.GetBytes($"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"method\":\"{method}\",\"params\":{paramsJson}}}");

    /// <summary>A JSON-RPC batch: the request bodies joined into one JSON array.</summary>
    public static byte[] Batch(IReadOnlyList<byte[]> bodies)
    {
        int size = 2 + Math.Max(0, bodies.Count - 1);
        foreach (byte[] b in bodies) size += b.Length;
        byte[] output = new byte[size];
        output[0] = (byte)'[';
        int o = 1;
        for (int i = 0; i < bodies.Count; i++)
        {
            if (i > 0) output[o++] = (byte)',';
            bodies[i].CopyTo(output, o);
            o += bodies[i].Length;
        }
        output[o] = (byte)']';
        return output;
    }

    /// <summary>A request carrying one raw signed transaction.</summary>
    public static byte[] SendRaw(long id, string method, ReadOnlySpan<byte> rawTx) =>
        Build(id, method, "[\"" + Hex.ToHex(rawTx) + "\"]");
}
