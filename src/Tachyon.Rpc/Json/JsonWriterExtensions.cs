using System.Buffers;
using System.Text.Json;
using Tachyon.Core.Blocks;
using Tachyon.Core.Numerics;
using Tachyon.Core.Types;

namespace Tachyon.Rpc.Json;

/// <summary>Writes Ethereum hex values straight into a <see cref="Utf8JsonWriter"/> from stack buffers.</summary>
public static class JsonWriterExtensions
{
    private const int StackLimit = 1024;

    public static void WriteQuantityValue(this Utf8JsonWriter writer, ulong value)
    {
        Span<byte> buffer = stackalloc byte[18];
        writer.WriteStringValue(buffer[..RpcHex.WriteQuantity(value, buffer)]);
    }

    public static void WriteQuantityValue(this Utf8JsonWriter writer, in UInt256 value)
    {
        Span<byte> buffer = stackalloc byte[66];
        writer.WriteStringValue(buffer[..RpcHex.WriteQuantity(value, buffer)]);
    }

    public static void WriteDataValue(this Utf8JsonWriter writer, ReadOnlySpan<byte> bytes)
    {
        int length = 2 + 2 * bytes.Length;
        if (length <= StackLimit)
        {
            Span<byte> buffer = stackalloc byte[length];
            RpcHex.WriteData(bytes, buffer);
            writer.WriteStringValue(buffer);
            return;
        }
        byte[] rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            RpcHex.WriteData(bytes, rented);
            writer.WriteStringValue(rented.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public static void WriteQuantity(this Utf8JsonWriter writer, ReadOnlySpan<byte> name, ulong value)
    {
        writer.WritePropertyName(name);
        writer.WriteQuantityValue(value);
    }

    public static void WriteQuantity(this Utf8JsonWriter writer, ReadOnlySpan<byte> name, in UInt256 value)
    {
        writer.WritePropertyName(name);
        writer.WriteQuantityValue(value);
    }

    public static void WriteQuantityOrNull(this Utf8JsonWriter writer, ReadOnlySpan<byte> name, ulong? value)
    {
        if (value is ulong v) writer.WriteQuantity(name, v);
        else writer.WriteNull(name);
    }

    public static void WriteData(this Utf8JsonWriter writer, ReadOnlySpan<byte> name, ReadOnlySpan<byte> bytes)
    {
        writer.WritePropertyName(name);
        writer.WriteDataValue(bytes);
    }

    public static void WriteAddress(this Utf8JsonWriter writer, ReadOnlySpan<byte> name, Address address) =>
        writer.WriteData(name, address.Bytes);

    public static void WriteAddressOrNull(this Utf8JsonWriter writer, ReadOnlySpan<byte> name, Address? address)
    {
        if (address is Address a) writer.WriteData(name, a.Bytes);
        else writer.WriteNull(name);
    }

    public static void WriteHash(this Utf8JsonWriter writer, ReadOnlySpan<byte> name, Hash256 hash) =>
        writer.WriteData(name, hash.Bytes);

    public static void WriteHashOrNull(this Utf8JsonWriter writer, ReadOnlySpan<byte> name, Hash256? hash)
    {
        if (hash is Hash256 h) writer.WriteData(name, h.Bytes);
        else writer.WriteNull(name);
    }

    public static void WriteHashValue(this Utf8JsonWriter writer, Hash256 hash) => writer.WriteDataValue(hash.Bytes);

    public static void WriteBloom(this Utf8JsonWriter writer, ReadOnlySpan<byte> name, in Bloom bloom) =>
        writer.WriteData(name, bloom.Bytes);
}
