using System.Runtime.CompilerServices;
using Tachyon.Core.Numerics;
using Tachyon.Core.Types;

namespace Tachyon.Core.Rlp;

/// <summary>
/// A strict, allocation-free RLP reader over a span. Rejects non-canonical forms: single bytes
/// below 0x80 wrapped in a string header, long headers for short payloads, lengths with leading
/// zeros, integers with leading zeros, and items that run past their container.
/// </summary>
public ref struct RlpReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public RlpReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    public readonly int Position => _position;
    public readonly int Remaining => _data.Length - _position;
    public readonly bool HasMore => _position < _data.Length;

    /// <summary>True when the next item is a list.</summary>
    public readonly bool PeekIsList
    {
        get
        {
            if (!HasMore) throw new RlpException("unexpected end of RLP data");
            return _data[_position] >= 0xC0;
        }
    }

    /// <summary>Throws unless every byte has been consumed (no trailing data).</summary>
    public readonly void EnsureEnd()
    {
        if (HasMore) throw new RlpException($"{Remaining} trailing byte(s) after RLP item");
    }

    /// <summary>Reads a byte-string item and returns its payload.</summary>
    public ReadOnlySpan<byte> ReadBytes()
    {
        (bool isList, int offset, int length) = ReadHeader();
        if (isList) throw new RlpException("expected an RLP string, found a list");
        var payload = _data.Slice(_position + offset, length);
        _position += offset + length;
        return payload;
    }

    /// <summary>Reads a list header and returns a reader over exactly its payload.</summary>
    public RlpReader ReadList()
    {
        (bool isList, int offset, int length) = ReadHeader();
        if (!isList) throw new RlpException("expected an RLP list, found a string");
        var inner = new RlpReader(_data.Slice(_position + offset, length));
        _position += offset + length;
        return inner;
    }

    /// <summary>Returns the next whole item (header included) without interpreting it.</summary>
    public ReadOnlySpan<byte> ReadRaw()
    {
        (_, int offset, int length) = ReadHeader();
        var raw = _data.Slice(_position, offset + length);
        _position += offset + length;
        return raw;
    }

    public void Skip() => ReadRaw();

    public ulong ReadUInt64()
    {
        ReadOnlySpan<byte> b = ReadBytes();
        if (b.Length > 8) throw new RlpException($"integer of {b.Length} bytes overflows 64 bits");
        CheckNoLeadingZero(b);
        ulong v = 0;
        for (int i = 0; i < b.Length; i++) v = (v << 8) | b[i];
        return v;
    }

    public int ReadInt32()
    {
        ulong v = ReadUInt64();
        if (v > int.MaxValue) throw new RlpException($"integer {v} out of range");
        return (int)v;
    }

    public UInt256 ReadUInt256()
    {
        ReadOnlySpan<byte> b = ReadBytes();
        if (b.Length > 32) throw new RlpException($"integer of {b.Length} bytes overflows 256 bits");
        CheckNoLeadingZero(b);
        return UInt256.FromBigEndian(b);
    }

    public bool ReadBool()
    {
        ulong v = ReadUInt64();
        if (v > 1) throw new RlpException($"boolean must be 0 or 1, got {v}");
        return v == 1;
    }

    public Address ReadAddress()
    {
        ReadOnlySpan<byte> b = ReadBytes();
        if (b.Length != Address.Size) throw new RlpException($"address must be 20 bytes, got {b.Length}");
        return new Address(b);
    }

    public Hash256 ReadHash()
    {
        ReadOnlySpan<byte> b = ReadBytes();
        if (b.Length != Hash256.Size) throw new RlpException($"hash must be 32 bytes, got {b.Length}");
        return new Hash256(b);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CheckNoLeadingZero(ReadOnlySpan<byte> b)
    {
        if (b.Length > 0 && b[0] == 0) throw new RlpException("integer has leading zero bytes");
    }

    /// <summary>Decodes the header at the current position: (is list, header size, payload size).</summary>
    private readonly (bool IsList, int Offset, int Length) ReadHeader()
    {
        if (!HasMore) throw new RlpException("unexpected end of RLP data");
        int remaining = Remaining;
        byte prefix = _data[_position];
        if (prefix < 0x80) return (false, 0, 1);
        if (prefix <= 0xB7)
        {
            int len = prefix - 0x80;
            if (1 + len > remaining) throw new RlpException("RLP string runs past the end of its container");
            if (len == 1 && _data[_position + 1] < 0x80)
                throw new RlpException("non-canonical RLP: single byte below 0x80 must not have a string header");
            return (false, 1, len);
        }
        if (prefix <= 0xBF)
        {
            int lol = prefix - 0xB7;
            int len = ReadLongLength(lol, remaining);
            return (false, 1 + lol, len);
        }
        if (prefix <= 0xF7)
        {
            int len = prefix - 0xC0;
            if (1 + len > remaining) throw new RlpException("RLP list runs past the end of its container");
            return (true, 1, len);
        }
        {
            int lol = prefix - 0xF7;
            int len = ReadLongLength(lol, remaining);
            return (true, 1 + lol, len);
        }
    }

    private readonly int ReadLongLength(int lengthOfLength, int remaining)
    {
        if (1 + lengthOfLength > remaining) throw new RlpException("RLP length runs past the end of its container");
        if (lengthOfLength > 4) throw new RlpException("RLP length does not fit in 32 bits");
        if (_data[_position + 1] == 0) throw new RlpException("non-canonical RLP: length has leading zeros");
        long len = 0;
        for (int i = 0; i < lengthOfLength; i++) len = (len << 8) | _data[_position + 1 + i];
        if (len < 56) throw new RlpException("non-canonical RLP: long form used for a payload under 56 bytes");
        if (1 + lengthOfLength + len > remaining) throw new RlpException("RLP item runs past the end of its container");
        return (int)len;
    }
}
