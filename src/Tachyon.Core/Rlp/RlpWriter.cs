using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Tachyon.Core.Numerics;
using Tachyon.Core.Types;

namespace Tachyon.Core.Rlp;

/// <summary>
/// Writes RLP into a caller-sized span (see <see cref="Rlp"/> for the size helpers).
/// Always produces canonical encodings.
/// </summary>
[SkipLocalsInit]
public ref struct RlpWriter
{
    private readonly Span<byte> _buffer;
    private int _position;

    public RlpWriter(Span<byte> buffer)
    {
        _buffer = buffer;
        _position = 0;
    }

    public readonly int Position => _position;
    public readonly Span<byte> Written => _buffer[.._position];

    public void WriteListHeader(int contentLength) => WriteHeader(0xC0, contentLength);

    /// <summary>
    /// The header of a byte string whose bytes the caller writes next (with <see cref="WriteRaw"/> or
    /// <see cref="WriteRawByte"/>); not for a single byte below 0x80, which is its own encoding.
    /// </summary>
    public void WriteStringHeader(int length) => WriteHeader(0x80, length);

    /// <summary>Writes one byte as is (part of an item whose header is already written).</summary>
    public void WriteRawByte(byte value) => _buffer[_position++] = value;

    public void WriteBytes(scoped ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 1 && bytes[0] < 0x80)
        {
            _buffer[_position++] = bytes[0];
            return;
        }
        WriteHeader(0x80, bytes.Length);
        bytes.CopyTo(_buffer[_position..]);
        _position += bytes.Length;
    }

    public void WriteUInt64(ulong value)
    {
        if (value < 0x80)
        {
            _buffer[_position++] = value == 0 ? (byte)0x80 : (byte)value;
            return;
        }
        int len = (71 - System.Numerics.BitOperations.LeadingZeroCount(value)) / 8;
        _buffer[_position++] = (byte)(0x80 + len);
        Span<byte> tmp = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(tmp, value);
        tmp[(8 - len)..].CopyTo(_buffer[_position..]);
        _position += len;
    }

    public void WriteUInt256(in UInt256 value)
    {
        if (value.IsUInt64)
        {
            WriteUInt64(value.U0);
            return;
        }
        int len = value.ByteLength;
        _buffer[_position++] = (byte)(0x80 + len);
        _position += value.WriteBigEndianMinimal(_buffer[_position..]);
    }

    public void WriteBool(bool value) => WriteUInt64(value ? 1UL : 0UL);

    public void WriteAddress(in Address address)
    {
        _buffer[_position++] = 0x80 + Address.Size;
        Address copy = address;
        copy.Bytes.CopyTo(_buffer[_position..]);
        _position += Address.Size;
    }

    public void WriteHash(in Hash256 hash)
    {
        _buffer[_position++] = 0x80 + Hash256.Size;
        Hash256 copy = hash;
        copy.Bytes.CopyTo(_buffer[_position..]);
        _position += Hash256.Size;
    }

    /// <summary>Copies bytes that are already RLP (an encoded item or several).</summary>
    public void WriteRaw(scoped ReadOnlySpan<byte> encoded)
    {
        encoded.CopyTo(_buffer[_position..]);
        _position += encoded.Length;
    }

    private void WriteHeader(byte offset, int length)
    {
        if (length < 56)
        {
            _buffer[_position++] = (byte)(offset + length);
            return;
        }
        int lol = Rlp.LengthOfLength(length);
        _buffer[_position++] = (byte)(offset + 55 + lol);
        for (int i = lol - 1; i >= 0; i--)
            _buffer[_position++] = (byte)(length >> (8 * i));
    }
}
