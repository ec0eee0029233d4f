using System.Text.Json;
using Tachyon.Core.Types;

namespace Tachyon.Rpc.Json;

/// <summary>A handler's successful result: null, a boolean, a string (already formatted hex), a 32-byte hash or a self-writing object.</summary>
public readonly struct RpcResult
{
    private readonly object? _value;
    private readonly Hash256 _hash;
    private readonly bool _bool;
    private readonly byte _kind; // 0 null, 1 bool, 2 string, 3 object, 4 hash

    private RpcResult(object? value, bool b, byte kind)
    {
        _value = value;
        _bool = b;
        _kind = kind;
    }

    private RpcResult(in Hash256 hash)
    {
        _hash = hash;
        _kind = 4;
    }

    public static RpcResult Null => default;

    public static RpcResult From(bool value) => new(null, value, 1);

    public static RpcResult From(string? value) => value is null ? default : new(value, false, 2);

    public static RpcResult From(IJsonResult? value) => value is null ? default : new(value, false, 3);

    /// <summary>A hash written as 0x-hex straight into the response (no string per answer, e.g. for every sent transaction).</summary>
    public static RpcResult From(in Hash256 hash) => new(hash);

    public static RpcResult Quantity(ulong value) => new(RpcHex.Quantity(value), false, 2);

    public static implicit operator RpcResult(string? value) => From(value);

    public static implicit operator RpcResult(bool value) => From(value);

    public bool IsNull => _kind == 0;

    public void WriteTo(Utf8JsonWriter writer)
    {
        switch (_kind)
        {
            case 1: writer.WriteBooleanValue(_bool); break;
            case 2: writer.WriteStringValue((string)_value!); break;
            case 3: ((IJsonResult)_value!).WriteTo(writer); break;
            case 4:
            {
                Span<byte> hex = stackalloc byte[2 + 2 * Hash256.Size];
                writer.WriteStringValue(hex[..RpcHex.WriteData(_hash.Bytes, hex)]);
                break;
            }
            default: writer.WriteNullValue(); break;
        }
    }
}
