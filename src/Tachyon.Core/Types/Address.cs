using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Tachyon.Core.Crypto;

namespace Tachyon.Core.Types;

/// <summary>A 20-byte account address, stored in byte order.</summary>
[StructLayout(LayoutKind.Sequential, Size = 20)]
public struct Address : IEquatable<Address>, IComparable<Address>
{
    public const int Size = 20;

    private ulong _l0, _l1;
    private uint _l2;

    public static readonly Address Zero = default;

    public Address(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size) throw new ArgumentException($"address must be 20 bytes, got {bytes.Length}", nameof(bytes));
        bytes.CopyTo(AsWritableSpan());
    }

    [UnscopedRef]
    public ReadOnlySpan<byte> Bytes => MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<ulong, byte>(ref _l0), Size);

    [UnscopedRef]
    public Span<byte> AsWritableSpan() => MemoryMarshal.CreateSpan(ref Unsafe.As<ulong, byte>(ref _l0), Size);

    public byte[] ToArray() => Bytes.ToArray();

    public readonly bool IsZero => (_l0 | _l1 | _l2) == 0;

    /// <summary>The last 20 bytes of a 32-byte word (how the EVM turns a stack value into an address).</summary>
    public static Address FromWord(ReadOnlySpan<byte> word32) => new(word32.Slice(12, 20));

    /// <summary>Address of an uncompressed public key given as 64 bytes (x || y): keccak(pub)[12..].</summary>
    public static Address FromPublicKey(ReadOnlySpan<byte> publicKey64)
    {
        if (publicKey64.Length != 64) throw new ArgumentException("public key must be 64 bytes (x||y)", nameof(publicKey64));
        Span<byte> h = stackalloc byte[32];
        Keccak256.Hash(publicKey64, h);
        return new Address(h[12..]);
    }

    public static Address Parse(ReadOnlySpan<char> hex)
    {
        if (!TryParse(hex, out Address a)) throw new FormatException($"invalid 20-byte address: '{hex.ToString()}'");
        return a;
    }

    public static bool TryParse(ReadOnlySpan<char> hex, out Address address)
    {
        address = default;
        hex = Hex.StripPrefix(hex);
        return hex.Length == 40 && Hex.TryDecode(hex, address.AsWritableSpan());
    }

    public readonly bool Equals(Address other) => _l0 == other._l0 && _l1 == other._l1 && _l2 == other._l2;
    public override readonly bool Equals(object? obj) => obj is Address a && Equals(a);
    public override readonly int GetHashCode() => HashCode.Combine(_l0, _l1, _l2);

    public readonly int CompareTo(Address other)
    {
        Address a = this;
        return a.Bytes.SequenceCompareTo(other.Bytes);
    }

    public static bool operator ==(Address a, Address b) => a.Equals(b);
    public static bool operator !=(Address a, Address b) => !a.Equals(b);

    public override readonly string ToString()
    {
        Address copy = this;
        return Hex.ToHex(copy.Bytes);
    }

    /// <summary>EIP-55 mixed-case checksum form.</summary>
    public readonly string ToChecksumString()
    {
        Address copy = this;
        Span<char> lower = stackalloc char[40];
        Hex.WriteHex(copy.Bytes, lower);
        Span<byte> ascii = stackalloc byte[40];
        for (int i = 0; i < 40; i++) ascii[i] = (byte)lower[i];
        Span<byte> h = stackalloc byte[32];
        Keccak256.Hash(ascii, h);
        return Build(lower, h);

        static string Build(ReadOnlySpan<char> lower, ReadOnlySpan<byte> hash)
        {
            Span<char> dst = stackalloc char[42];
            dst[0] = '0'; dst[1] = 'x';
            for (int i = 0; i < 40; i++)
            {
                int nib = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xF;
                char c = lower[i];
                dst[i + 2] = c >= 'a' && nib >= 8 ? (char)(c - 32) : c;
            }
            return new string(dst);
        }
    }
}
