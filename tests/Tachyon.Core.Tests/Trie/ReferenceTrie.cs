using Tachyon.Core.Crypto;
using Tachyon.Core.Types;
using RlpCodec = Tachyon.Core.Rlp.Rlp;

namespace Tachyon.Core.Tests.Trie;

/// <summary>
/// The Yellow Paper's root definition (appendix D, c(I, i)) computed directly from the whole key set,
/// with no caching and no shared code with the trie under test: the independent oracle.
/// </summary>
internal static class ReferenceTrie
{
    public static Hash256 Root(IEnumerable<KeyValuePair<byte[], byte[]>> entries)
    {
        var items = entries.Select(e => (Nibbles: ToNibbles(e.Key), e.Value)).ToList();
        if (items.Count == 0) return Hash256.EmptyTrieRoot;
        return Keccak256.Compute(Structure(items, 0));
    }

    private static byte[] ToNibbles(byte[] key) => key.SelectMany(b => new[] { (byte)(b >> 4), (byte)(b & 0xF) }).ToArray();

    // n(I, i): empty, the node itself when its RLP is under 32 bytes, else its hash.
    private static byte[] Reference(List<(byte[] Nibbles, byte[] Value)> items, int i)
    {
        if (items.Count == 0) return RlpCodec.Encode([]);
        byte[] encoded = Structure(items, i);
        return encoded.Length < 32 ? encoded : RlpCodec.Encode(Keccak256.HashToArray(encoded));
    }

    // c(I, i) in RLP.
    private static byte[] Structure(List<(byte[] Nibbles, byte[] Value)> items, int i)
    {
        if (items.Count == 1)
        {
            var (k, v) = items[0];
            return List(RlpCodec.Encode(HexPrefix(k[i..], true)), RlpCodec.Encode(v));
        }
        int j = i;
        while (items.All(it => it.Nibbles.Length > j) && items.All(it => it.Nibbles[j] == items[0].Nibbles[j])) j++;
        if (j > i)
            return List(RlpCodec.Encode(HexPrefix(items[0].Nibbles[i..j], false)), Reference(items, j));
        var parts = new List<byte[]>();
        for (int n = 0; n < 16; n++)
            parts.Add(Reference(items.Where(it => it.Nibbles.Length > i && it.Nibbles[i] == n).ToList(), i + 1));
        var here = items.Where(it => it.Nibbles.Length == i).ToList();
        parts.Add(RlpCodec.Encode(here.Count == 0 ? [] : here[0].Value));
        return List([.. parts]);
    }

    private static byte[] HexPrefix(byte[] nibbles, bool leaf)
    {
        int flag = (leaf ? 2 : 0) + (nibbles.Length % 2);
        var all = new List<byte> { (byte)flag };
        if (nibbles.Length % 2 == 0) all.Add(0);
        all.AddRange(nibbles);
        var packed = new byte[all.Count / 2];
        for (int x = 0; x < packed.Length; x++) packed[x] = (byte)((all[2 * x] << 4) | all[2 * x + 1]);
        return packed;
    }

    private static byte[] List(params byte[][] encodedItems) => RlpCodec.EncodeList(encodedItems.SelectMany(x => x).ToArray());
}
