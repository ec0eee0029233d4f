using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Tachyon.Core.Types;

/// <summary>A 32-byte hash (Keccak-256 digests, storage keys, roots), stored in byte order.</summary>
[StructLayout(LayoutKind.Sequential, Size = 32)]
public struct Hash256 : IEquatable<Hash256>, IComparable<Hash256>
{
    public const int Size = 32;

    // Four lanes in memory order: the bytes of the hash as given, not numeric lanes.
    private ulong _l0, _l1, _l2, _l3;

    public static readonly Hash256 Zero = default;

    /// <summary>Keccak-256 of the empty string; the code hash of every account without code.</summary>
    public static readonly Hash256 EmptyKeccak = Parse("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");

    /// <summary>Root of the empty Merkle Patricia Trie: Keccak-256 of RLP("").</summary>
    public static readonly Hash256 EmptyTrieRoot = Parse("0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421");

    /// <summary>Keccak-256 of RLP([]): the ommers hash of every post-merge block.</summary>
    public static readonly Hash256 EmptyListHash = Parse("0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347");

    public Hash256(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size) throw new ArgumentException($"hash must be 32 bytes, got {bytes.Length}", nameof(bytes));
        bytes.CopyTo(AsWritableSpan());
    }

    [UnscopedRef]
    public ReadOnlySpan<byte> Bytes => MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<ulong, byte>(ref _l0), Size);

    [UnscopedRef]
    public Span<byte> AsWritableSpan() => MemoryMarshal.CreateSpan(ref Unsafe.As<ulong, byte>(ref _l0), Size);

    public byte[] ToArray() => Bytes.ToArray();

    public readonly bool IsZero => (_l0 | _l1 | _l2 | _l3) == 0;

    public static Hash256 Parse(ReadOnlySpan<char> hex)
    {
        if (!TryParse(hex, out Hash256 h)) throw new FormatException($"invalid 32-byte hash: '{hex.ToString()}'");
        return h;
    }

    public static bool TryParse(ReadOnlySpan<char> hex, out Hash256 hash)
    {
        hash = default;
        hex = Hex.StripPrefix(hex);
        return hex.Length == 64 && Hex.TryDecode(hex, hash.AsWritableSpan());
    }

    public readonly bool Equals(Hash256 other) =>
        _l0 == other._l0 && _l1 == other._l1 && _l2 == other._l2 && _l3 == other._l3;

    public override readonly bool Equals(object? obj) => obj is Hash256 h && Equals(h);

    // The bytes are already uniformly distributed; fold the lanes.
    public override readonly int GetHashCode() => (int)(_l0 ^ (_l0 >> 32) ^ _l1 ^ _l2);

    public readonly int CompareTo(Hash256 other)
    {
        Hash256 a = this;
        return a.Bytes.SequenceCompareTo(other.Bytes);
    }

    public static bool operator ==(Hash256 a, Hash256 b) => a.Equals(b);
    public static bool operator !=(Hash256 a, Hash256 b) => !a.Equals(b);

    public override readonly string ToString()
    {
        Hash256 copy = this;
        return Hex.ToHex(copy.Bytes);
    }
}
