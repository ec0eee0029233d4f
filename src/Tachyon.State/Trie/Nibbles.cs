using System.Runtime.CompilerServices;
using Tachyon.Core.Types;

namespace Tachyon.State.Trie;

/// <summary>Nibble paths: one nibble per byte, keys are 32-byte hashes (64 nibbles).</summary>
internal static class Nibbles
{
    public const int KeyLength = 64;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int At(in Hash256 key, int index)
    {
        byte b = key.Bytes[index >> 1];
        return (index & 1) == 0 ? b >> 4 : b & 0xF;
    }

    /// <summary>Writes key[start..] as nibbles into <paramref name="dst"/>; returns that slice.</summary>
    public static Span<byte> FromKey(in Hash256 key, int start, Span<byte> dst)
    {
        var path = dst[..(KeyLength - start)];
        for (int i = 0; i < path.Length; i++) path[i] = (byte)At(key, start + i);
        return path;
    }

    /// <summary>Packs a full 64-nibble path back into its key.</summary>
    public static Hash256 ToKey(ReadOnlySpan<byte> path)
    {
        if (path.Length != KeyLength) throw new InvalidDataException($"leaf path of {path.Length} nibbles");
        Hash256 key = default;
        var b = key.AsWritableSpan();
        for (int i = 0; i < 32; i++) b[i] = (byte)((path[2 * i] << 4) | path[2 * i + 1]);
        return key;
    }

    /// <summary>Length of the common prefix of <paramref name="path"/> and key[depth..].</summary>
    public static int Match(ReadOnlySpan<byte> path, in Hash256 key, int depth)
    {
        int i = 0;
        while (i < path.Length && path[i] == At(key, depth + i)) i++;
        return i;
    }

    /// <summary>Hex-prefix encoding length (yellow paper appendix C).</summary>
    public static int HexPrefixLength(int nibbles) => nibbles / 2 + 1;

    public static void WriteHexPrefix(ReadOnlySpan<byte> path, bool leaf, Span<byte> dst)
    {
        bool odd = (path.Length & 1) == 1;
        int flag = (leaf ? 2 : 0) + (odd ? 1 : 0);
        int p = 0;
        if (odd) { dst[0] = (byte)((flag << 4) | path[0]); p = 1; }
        else dst[0] = (byte)(flag << 4);
        for (int o = 1; p < path.Length; p += 2, o++) dst[o] = (byte)((path[p] << 4) | path[p + 1]);
    }

    public static byte[] ReadHexPrefix(ReadOnlySpan<byte> hp, out bool leaf)
    {
        Span<byte> path = stackalloc byte[KeyLength];
        return path[..ReadHexPrefix(hp, out leaf, path)].ToArray();
    }

    /// <summary>Decodes a hex-prefix path into <paramref name="dst"/> (64 nibbles at most); returns its length.</summary>
    public static int ReadHexPrefix(ReadOnlySpan<byte> hp, out bool leaf, Span<byte> dst)
    {
        if (hp.Length == 0) throw new InvalidDataException("empty hex-prefix path");
        int flag = hp[0] >> 4;
        leaf = (flag & 2) != 0;
        bool odd = (flag & 1) != 0;
        int length = (hp.Length - 1) * 2 + (odd ? 1 : 0);
        if (length > KeyLength || flag > 3) throw new InvalidDataException($"hex-prefix path of {length} nibbles, flag {flag}");
        var path = dst[..length];
        int p = 0;
        if (odd) path[p++] = (byte)(hp[0] & 0xF);
        for (int i = 1; i < hp.Length; i++)
        {
            path[p++] = (byte)(hp[i] >> 4);
            path[p++] = (byte)(hp[i] & 0xF);
        }
        return length;
    }
}
