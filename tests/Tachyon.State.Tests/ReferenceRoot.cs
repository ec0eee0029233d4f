using Tachyon.Core.Crypto;
using Tachyon.Core.Numerics;
using Tachyon.Core.Rlp;
using Tachyon.Core.Types;
using Tachyon.State.CrashChild;

namespace Tachyon.State.Tests;

/// <summary>
/// Oracle: the state root computed from scratch out of the full flat state, by a different
/// algorithm (recursive build over sorted keys) than the incremental trie under test.
/// </summary>
public static class ReferenceRoot
{
    public static Hash256 Of(StateModel m) => Of(m.Accounts, a => m.Storage.TryGetValue(a, out var s) ? s : null);

    public static Hash256 Of(IReadOnlyDictionary<Address, AccountState> accounts, Func<Address, IReadOnlyDictionary<UInt256, UInt256>?> storage)
    {
        var items = new List<(Hash256, byte[])>();
        foreach (var (a, acc) in accounts)
        {
            var slots = storage(a);
            Hash256 sr = slots == null ? Hash256.EmptyTrieRoot : StorageRoot(slots);
            items.Add((Keccak256.Compute(a.Bytes), AccountLeaf(acc.Nonce, acc.Balance, sr, acc.CodeHash)));
        }
        return Root(items);
    }

    public static Hash256 StorageRoot(IReadOnlyDictionary<UInt256, UInt256> slots)
    {
        var items = new List<(Hash256, byte[])>();
        foreach (var (k, v) in slots)
        {
            if (v.IsZero) continue;
            var buf = new byte[Rlp.LengthOf(v)];
            new RlpWriter(buf).WriteUInt256(v);
            items.Add((Keccak256.Compute(k.ToBigEndian()), buf));
        }
        return Root(items);
    }

    public static byte[] AccountLeaf(ulong nonce, UInt256 balance, Hash256 storageRoot, Hash256 codeHash)
    {
        int content = Rlp.LengthOf(nonce) + Rlp.LengthOf(balance) + 66;
        var buf = new byte[Rlp.LengthOfList(content)];
        var w = new RlpWriter(buf);
        w.WriteListHeader(content);
        w.WriteUInt64(nonce);
        w.WriteUInt256(balance);
        w.WriteHash(storageRoot);
        w.WriteHash(codeHash);
        return buf;
    }

    public static Hash256 Root(List<(Hash256 Key, byte[] Value)> items)
    {
        if (items.Count == 0) return Hash256.EmptyTrieRoot;
        var sorted = items.Select(i => (Nib(i.Key), i.Value)).OrderBy(i => Convert.ToHexString(i.Item1)).ToList();
        return Keccak256.Compute(Build(sorted, 0));
    }

    private static byte[] Nib(Hash256 k)
    {
        var n = new byte[64];
        for (int i = 0; i < 64; i++) n[i] = (byte)(i % 2 == 0 ? k.Bytes[i / 2] >> 4 : k.Bytes[i / 2] & 15);
        return n;
    }

    private static byte[] Build(List<(byte[] Path, byte[] Value)> items, int depth)
    {
        if (items.Count == 1) return List(Str(HexPrefix(items[0].Path[depth..], true)), Str(items[0].Value));
        int cp = 0;
        while (items.All(i => i.Path[depth + cp] == items[0].Path[depth + cp])) cp++;
        if (cp > 0) return List(Str(HexPrefix(items[0].Path[depth..(depth + cp)], false)), Ref(Build(items, depth + cp)));
        var parts = new List<byte[]>();
        for (int n = 0; n < 16; n++)
        {
            var group = items.Where(i => i.Path[depth] == n).ToList();
            parts.Add(group.Count == 0 ? [0x80] : Ref(Build(group, depth + 1)));
        }
        parts.Add([0x80]);
        return List([.. parts]);
    }

    private static byte[] Ref(byte[] enc) => enc.Length < 32 ? enc : Str(Keccak256.Compute(enc).ToArray());

    private static byte[] HexPrefix(byte[] p, bool leaf)
    {
        int flag = (leaf ? 2 : 0) + (p.Length % 2);
        var nibs = p.Length % 2 == 1 ? [(byte)flag, .. p] : new byte[] { (byte)flag, 0 }.Concat(p).ToArray();
        var r = new byte[nibs.Length / 2];
        for (int i = 0; i < r.Length; i++) r[i] = (byte)(nibs[2 * i] << 4 | nibs[2 * i + 1]);
        return r;
    }

    private static byte[] Str(byte[] b) => Rlp.Encode(b);

    private static byte[] List(params byte[][] items) => Rlp.EncodeList(items.SelectMany(x => x).ToArray());
}
