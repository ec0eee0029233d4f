using System.Buffers.Binary;
using System.Numerics;
using Tachyon.Core.Types;

namespace Tachyon.Precompiles;

/// <summary>
/// 0x05: base^exp mod mod for arbitrary-length integers (EIP-198), priced by EIP-2565.
/// Input: baseLen | expLen | modLen (32-byte big-endian each) | base | exp | mod, virtually right-padded
/// with zeros when short. Lengths may be absurd (up to 2^256-1): gas saturates instead of overflowing,
/// and nothing is allocated before the caller has paid for it.
/// </summary>
public sealed class ModExpPrecompile : IPrecompile
{
    private const int HeaderLength = 96;
    private const long MinGas = 200;

    /// <summary>Base or modulus lengths above 16 MiB cost over 10^12 gas (quadratic in the length), so a run
    /// with one can never have been paid for and is refused instead of allocating.</summary>
    private const ulong MaxOperandLength = 1 << 24;

    /// <summary>The exponent costs only linearly (8/3 gas per byte at the least), so its limit is the largest
    /// array .NET can allocate; beyond it the call would cost over 5·10^9 gas.</summary>
    private static readonly ulong MaxExponentLength = (ulong)Array.MaxLength;

    public Address Address { get; } = PrecompileAddress.Of(0x05);

    public long RequiredGas(ReadOnlySpan<byte> input)
    {
        ulong baseLen = ReadLength(input, 0);
        ulong expLen = ReadLength(input, 32);
        ulong modLen = ReadLength(input, 64);

        UInt128 words = ((UInt128)Math.Max(baseLen, modLen) + 7) / 8;
        if (words == 0) return MinGas; // nothing to multiply: the exponent length does not matter
        if (words > ulong.MaxValue) return long.MaxValue;
        UInt128 complexity = words * words; // < 2^122

        UInt128 iterations = IterationCount(input, baseLen, expLen);
        if (complexity > UInt128.MaxValue / iterations) return long.MaxValue;
        UInt128 gas = complexity * iterations / 3;
        if (gas > long.MaxValue) return long.MaxValue;
        return Math.Max(MinGas, (long)gas);
    }

    public bool TryRun(ReadOnlySpan<byte> input, out byte[] output)
    {
        ulong baseLen = ReadLength(input, 0);
        ulong expLen = ReadLength(input, 32);
        ulong modLen = ReadLength(input, 64);
        output = [];
        if (modLen == 0) return true;
        if (baseLen > MaxOperandLength || modLen > MaxOperandLength || expLen > MaxExponentLength) return false;

        ulong offset = HeaderLength;
        BigInteger b = ReadInteger(input, offset, baseLen);
        offset += baseLen;
        BigInteger e = ReadInteger(input, offset, expLen);
        offset += expLen;
        BigInteger m = ReadInteger(input, offset, modLen);

        output = new byte[modLen];
        if (m.IsZero) return true; // x mod 0 is defined as 0 here
        BigInteger result = BigInteger.ModPow(b, e, m);
        int size = result.GetByteCount(isUnsigned: true);
        result.TryWriteBytes(output.AsSpan(output.Length - size), out _, isUnsigned: true, isBigEndian: true);
        return true;
    }

    /// <summary>EIP-2565 iteration count: from the bit length of the exponent's first 32 bytes, plus 8 per
    /// exponent byte beyond 32; never below 1.</summary>
    private static UInt128 IterationCount(ReadOnlySpan<byte> input, ulong baseLen, ulong expLen)
    {
        int headLen = (int)Math.Min(expLen, 32);
        Span<byte> head = stackalloc byte[32];
        head = head[..headLen];
        CopyPadded(input, HeaderLength + (UInt128)baseLen, head);

        int bitLength = 0;
        for (int i = 0; i < headLen; i++)
        {
            if (head[i] != 0)
            {
                bitLength = (headLen - i) * 8 - BitOperations.LeadingZeroCount((uint)head[i]) + 24;
                break;
            }
        }

        UInt128 count;
        if (expLen <= 32) count = bitLength == 0 ? 0 : (UInt128)(bitLength - 1);
        else
        {
            // A zero head adds nothing (EIP-198: "return exactly 8 * (length_of_EXPONENT - 32)").
            count = 8 * (UInt128)(expLen - 32) + (UInt128)Math.Max(bitLength - 1, 0);
        }
        return count < 1 ? 1 : count;
    }

    /// <summary>A 32-byte big-endian length at <paramref name="offset"/>, saturated to ulong.MaxValue.</summary>
    private static ulong ReadLength(ReadOnlySpan<byte> input, int offset)
    {
        Span<byte> word = stackalloc byte[32];
        CopyPadded(input, (UInt128)offset, word);
        if (BinaryPrimitives.ReadUInt64BigEndian(word) != 0 || BinaryPrimitives.ReadUInt64BigEndian(word[8..]) != 0
            || BinaryPrimitives.ReadUInt64BigEndian(word[16..]) != 0)
            return ulong.MaxValue;
        return BinaryPrimitives.ReadUInt64BigEndian(word[24..]);
    }

    private static BigInteger ReadInteger(ReadOnlySpan<byte> input, ulong offset, ulong length)
    {
        if (length == 0) return BigInteger.Zero;
        byte[] bytes = new byte[length];
        CopyPadded(input, offset, bytes);
        return new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
    }

    /// <summary>Copies input[offset .. offset + dst.Length) into dst, with zeros past the input's end.</summary>
    private static void CopyPadded(ReadOnlySpan<byte> input, UInt128 offset, Span<byte> dst)
    {
        dst.Clear();
        if (offset >= (UInt128)input.Length) return;
        ReadOnlySpan<byte> src = input[(int)offset..];
        if (src.Length > dst.Length) src = src[..dst.Length];
        src.CopyTo(dst);
    }
}
