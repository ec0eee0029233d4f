namespace Tachyon.Core.Trie;

/// <summary>The nibbles from the root to the current node while walking the trie in key order.</summary>
internal sealed class NibbleStack
{
    private byte[] _nibbles = new byte[64];

    public int Count { get; private set; }

    public void Push(byte nibble)
    {
        if (Count == _nibbles.Length) Array.Resize(ref _nibbles, Count * 2);
        _nibbles[Count++] = nibble;
    }

    public void Push(NibblePath path)
    {
        for (int i = 0; i < path.Length; i++) Push(path[i]);
    }

    public void Truncate(int count) => Count = count;

    /// <summary>Packs the nibbles into a key; keys always have an even nibble count.</summary>
    public byte[] ToKey()
    {
        if ((Count & 1) != 0) throw new InvalidOperationException("a key ended on an odd nibble");
        var key = new byte[Count / 2];
        for (int i = 0; i < key.Length; i++) key[i] = (byte)((_nibbles[2 * i] << 4) | _nibbles[2 * i + 1]);
        return key;
    }
}
