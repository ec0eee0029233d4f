using System.Runtime.CompilerServices;

namespace Tachyon.Core.Trie;

/// <summary>
/// A run of nibbles viewed over a packed byte array (two nibbles a byte, high first).
/// Node paths are slices of the inserted keys themselves, so splitting and re-joining paths
/// usually moves offsets instead of copying nibbles.
/// </summary>
internal readonly struct NibblePath
{
    private static readonly byte[][] Singles = CreateSingles();

    private readonly byte[] _bytes;
    private readonly int _start;

    public readonly int Length;

    public NibblePath(byte[] bytes, int start, int length)
    {
        _bytes = bytes;
        _start = start;
        Length = length;
    }

    public static NibblePath Empty => new([], 0, 0);

    /// <summary>The key's nibbles from <paramref name="startNibble"/> to its end.</summary>
    public static NibblePath FromKey(byte[] key, int startNibble) => new(key, startNibble, key.Length * 2 - startNibble);

    /// <summary>A one-nibble path, without allocating.</summary>
    public static NibblePath Single(int nibble) => new(Singles[nibble], 1, 1);

    public byte this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Nibble(_bytes, _start + index);
    }

    public NibblePath Slice(int from) => new(_bytes, _start + from, Length - from);

    public NibblePath Slice(int from, int length) => new(_bytes, _start + from, length);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte Nibble(ReadOnlySpan<byte> packed, int index) =>
        (byte)((packed[index >> 1] >> ((~index & 1) << 2)) & 0xF);

    /// <summary>How many leading nibbles this path shares with <paramref name="key"/> read from nibble <paramref name="keyStart"/>.</summary>
    public int CommonPrefix(ReadOnlySpan<byte> key, int keyStart)
    {
        int max = Math.Min(Length, key.Length * 2 - keyStart);
        int i = 0;
        if (((_start ^ keyStart) & 1) == 0 && max > 2)
        {
            // Same nibble parity: compare whole bytes in the middle.
            if ((_start & 1) == 1)
            {
                if (this[0] != Nibble(key, keyStart)) return 0;
                i = 1;
            }
            int bytes = (max - i) >> 1;
            int a = (_start + i) >> 1, b = (keyStart + i) >> 1;
            int same = _bytes.AsSpan(a, bytes).CommonPrefixLength(key.Slice(b, bytes));
            i += same * 2;
            if (same < bytes)
                return this[i] == Nibble(key, keyStart + i) ? i + 1 : i;
        }
        while (i < max && this[i] == Nibble(key, keyStart + i)) i++;
        return i;
    }

    /// <summary>True when the path is exactly the rest of <paramref name="key"/> from <paramref name="keyStart"/>.</summary>
    public bool EqualsKeyRest(ReadOnlySpan<byte> key, int keyStart) =>
        Length == key.Length * 2 - keyStart && CommonPrefix(key, keyStart) == Length;

    /// <summary>
    /// Joins two paths. When the nibbles just before <paramref name="suffix"/> in its array already
    /// equal <paramref name="prefix"/> (the common case: both are slices of keys under the same
    /// prefix), the result reuses that array.
    /// </summary>
    public static NibblePath Concat(NibblePath prefix, NibblePath suffix)
    {
        if (prefix.Length == 0) return suffix;
        if (suffix.Length == 0) return prefix;
        int total = prefix.Length + suffix.Length;
        if (suffix._start >= prefix.Length)
        {
            var extended = new NibblePath(suffix._bytes, suffix._start - prefix.Length, total);
            int i = 0;
            while (i < prefix.Length && extended[i] == prefix[i]) i++;
            if (i == prefix.Length) return extended;
        }
        var bytes = new byte[(total + 1) / 2];
        for (int i = 0; i < total; i++)
        {
            byte n = i < prefix.Length ? prefix[i] : suffix[i - prefix.Length];
            bytes[i >> 1] |= (byte)(n << ((~i & 1) << 2));
        }
        return new NibblePath(bytes, 0, total);
    }

    /// <summary>Size of the hex-prefix (compact) encoding: a flag byte plus the packed nibbles.</summary>
    public int HexPrefixLength => 1 + Length / 2;

    /// <summary>Writes the hex-prefix encoding (Yellow Paper appendix C) into <paramref name="dst"/>.</summary>
    public void WriteHexPrefix(Span<byte> dst, bool isLeaf)
    {
        int flag = (isLeaf ? 2 : 0) | (Length & 1);
        int i = 0;
        if ((Length & 1) == 1)
        {
            dst[0] = (byte)((flag << 4) | this[0]);
            i = 1;
        }
        else
        {
            dst[0] = (byte)(flag << 4);
        }
        int pairs = (Length - i) >> 1;
        int from = (_start + i) >> 1;
        if (((_start + i) & 1) == 0)
        {
            _bytes.AsSpan(from, pairs).CopyTo(dst[1..]);
            return;
        }
        // Odd offset: each output byte is the low nibble of one byte and the high of the next.
        ReadOnlySpan<byte> src = _bytes.AsSpan(from, pairs + 1);
        for (int p = 0; p < pairs; p++)
            dst[1 + p] = (byte)((src[p] << 4) | (src[p + 1] >> 4));
    }

    private static byte[][] CreateSingles()
    {
        var singles = new byte[16][];
        for (int i = 0; i < 16; i++) singles[i] = [(byte)i];
        return singles;
    }
}
