using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Tachyon.Core.Crypto;
using Tachyon.Core.Types;

namespace Tachyon.Core.Blocks;

/// <summary>
/// The 2048-bit logs bloom filter (Yellow Paper §4.4.1, M3:2048). Each added item sets three
/// bits chosen by the first three byte pairs of its Keccak-256 hash. A value type so that a
/// header or receipt holding one cannot be changed through a reference.
/// </summary>
public struct Bloom : IEquatable<Bloom>
{
    public const int ByteLength = 256;

    [InlineArray(ByteLength)]
    private struct Buffer { private byte _e; }

    private Buffer _bytes;

    public static readonly Bloom Empty = default;

    /// <summary>Length of a bloom as an RLP string: 0xb9 0x01 0x00 then the 256 bytes.</summary>
    public const int RlpLength = 3 + ByteLength;

    public Bloom(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != ByteLength) throw new ArgumentException($"bloom must be 256 bytes, got {bytes.Length}", nameof(bytes));
        bytes.CopyTo(_bytes);
    }

    [UnscopedRef]
    public readonly ReadOnlySpan<byte> Bytes => _bytes;

    public readonly bool IsZero => ((ReadOnlySpan<byte>)_bytes).IndexOfAnyExcept((byte)0) < 0;

    public void Add(ReadOnlySpan<byte> data)
    {
        Span<byte> hash = stackalloc byte[Keccak256.HashSize];
        Keccak256.Hash(data, hash);
        for (int i = 0; i < 6; i += 2)
        {
            (int index, byte mask) = BitOf(hash, i);
            _bytes[index] |= mask;
        }
    }

    public void Add(Address address) => Add(address.Bytes);

    public void Add(Hash256 topic) => Add(topic.Bytes);

    /// <summary>Adds a log's address and each of its topics (the data is not part of the bloom).</summary>
    public void Add(Log log)
    {
        Add(log.Address);
        foreach (Hash256 topic in log.Topics) Add(topic);
    }

    /// <summary>ORs <paramref name="other"/> into this bloom (a block's bloom is the OR of its receipts').</summary>
    public void Accumulate(in Bloom other)
    {
        Span<ulong> mine = MemoryMarshal.Cast<byte, ulong>((Span<byte>)_bytes);
        ReadOnlySpan<ulong> theirs = MemoryMarshal.Cast<byte, ulong>(other.Bytes);
        for (int i = 0; i < mine.Length; i++) mine[i] |= theirs[i];
    }

    /// <summary>True when all three bits of <paramref name="data"/> are set: maybe present; false means certainly absent.</summary>
    public readonly bool Contains(ReadOnlySpan<byte> data)
    {
        Span<byte> hash = stackalloc byte[Keccak256.HashSize];
        Keccak256.Hash(data, hash);
        for (int i = 0; i < 6; i += 2)
        {
            (int index, byte mask) = BitOf(hash, i);
            if ((_bytes[index] & mask) == 0) return false;
        }
        return true;
    }

    public readonly bool Contains(Address address) => Contains(address.Bytes);

    public readonly bool Contains(Hash256 topic) => Contains(topic.Bytes);

    /// <summary>True when every bit of <paramref name="other"/> is also set here.</summary>
    public readonly bool Contains(in Bloom other)
    {
        ReadOnlySpan<ulong> mine = MemoryMarshal.Cast<byte, ulong>(Bytes);
        ReadOnlySpan<ulong> theirs = MemoryMarshal.Cast<byte, ulong>(other.Bytes);
        for (int i = 0; i < mine.Length; i++)
            if ((mine[i] & theirs[i]) != theirs[i]) return false;
        return true;
    }

    public static Bloom FromLogs(IEnumerable<Log> logs)
    {
        Bloom bloom = default;
        foreach (Log log in logs) bloom.Add(log);
        return bloom;
    }

    /// <summary>A block's logsBloom: the OR of its receipts' blooms.</summary>
    public static Bloom FromReceipts(IEnumerable<Receipt> receipts)
    {
        Bloom bloom = default;
        foreach (Receipt receipt in receipts)
        {
            Bloom r = receipt.Bloom;
            bloom.Accumulate(r);
        }
        return bloom;
    }

    public static Bloom Parse(ReadOnlySpan<char> hex)
    {
        Bloom bloom = default;
        hex = Hex.StripPrefix(hex);
        if (hex.Length != 2 * ByteLength || !Hex.TryDecode(hex, bloom._bytes))
            throw new FormatException("bloom must be 512 hex digits");
        return bloom;
    }

    // Bit k (0..2047) counts from the low-order end of the 256-byte big-endian value.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (int Index, byte Mask) BitOf(ReadOnlySpan<byte> hash, int i)
    {
        int bit = ((hash[i] << 8) | hash[i + 1]) & 2047;
        return (ByteLength - 1 - (bit >> 3), (byte)(1 << (bit & 7)));
    }

    public readonly bool Equals(Bloom other) => Bytes.SequenceEqual(other.Bytes);
    public override readonly bool Equals(object? obj) => obj is Bloom b && Equals(b);

    public override readonly int GetHashCode()
    {
        ReadOnlySpan<ulong> lanes = MemoryMarshal.Cast<byte, ulong>(Bytes);
        ulong h = 0;
        foreach (ulong lane in lanes) h = BitOperations.RotateLeft(h, 7) ^ lane;
        return (int)(h ^ (h >> 32));
    }

    public static bool operator ==(Bloom a, Bloom b) => a.Equals(b);
    public static bool operator !=(Bloom a, Bloom b) => !a.Equals(b);

    public override readonly string ToString() => Hex.ToHex(Bytes);
}
