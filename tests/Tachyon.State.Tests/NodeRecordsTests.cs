using Tachyon.Core.Crypto;
using Tachyon.Core.Types;
using Tachyon.State.Trie;

namespace Tachyon.State.Tests;

public class NodeRecordsTests
{
    private static NodeKey Key(int i, bool storage) =>
        new(Keccak256.Compute(BitConverter.GetBytes(i)), storage ? new Address(Keccak256.Compute(BitConverter.GetBytes(-i)).Bytes[..20]) : default, storage);

    private static byte[] Value(int i, int length)
    {
        var v = new byte[length];
        new Random(i).NextBytes(v);
        return v;
    }

    [Fact]
    public void RecordsRoundTripAcrossChunksAndAdoption()
    {
        // Enough bytes for several 64 KiB chunks, a value bigger than a chunk, enough records for
        // several entry segments per set, and three sets merged in (one adopted into a set with a
        // partly filled segment): every key and value must read back exactly once. Order is not kept.
        const int n = 7000;
        int Length(int i) => i == 1234 ? 200_000 : 40 + i % 500;
        var expected = new Dictionary<NodeKey, byte[]>();
        var main = new NodeRecords();
        var parts = new[] { main, new NodeRecords(), new NodeRecords(), new NodeRecords() };
        for (int i = 0; i < n; i++)
        {
            var k = Key(i, i % 3 == 0);
            parts[i % parts.Length].Add(k, Value(i, Length(i)));
            expected.Add(k, Value(i, Length(i)));
        }
        main.Adopt(parts[1]);
        main.Adopt(new NodeRecords()); // adopting nothing keeps filling the current chunk
        main.Adopt(parts[2]);
        main.Add(Key(-1, false), [1, 2, 3]);
        expected.Add(Key(-1, false), [1, 2, 3]);
        main.Adopt(parts[3]);
        Assert.Equal(0, parts[1].Count);
        main.Add(Key(-2, true), [4]);
        expected.Add(Key(-2, true), [4]);

        Assert.Equal(expected.Count, main.Count);
        var seen = new HashSet<NodeKey>();
        for (int i = 0; i < main.Count; i++)
        {
            var k = main.KeyAt(i);
            Assert.True(seen.Add(k));
            Assert.Equal(k.ToArray(), main.StoreKeyAt(i).ToArray());
            Assert.Equal(expected[k], main.ValueAt(i).ToArray());
        }
    }

    [Fact]
    public void ReleasedRecordsRejectWritesAndRecycleChunks()
    {
        var a = new NodeRecords();
        a.Add(Key(1, false), Value(1, 100));
        a.Release();
        a.Release(); // idempotent: a chunk must never enter the pool twice
        Assert.Throws<InvalidOperationException>(() => a.Add(Key(2, false), Value(2, 10)));
        Assert.Throws<InvalidOperationException>(() => new NodeRecords().Adopt(a));
        // A new set gets a recycled chunk and must see only its own bytes.
        var b = new NodeRecords();
        b.Add(Key(3, true), Value(3, 64));
        Assert.Equal(Value(3, 64), b.ValueAt(0).ToArray());
        Assert.Equal(Key(3, true), b.KeyAt(0));
    }

    [Fact]
    public void NodeKeysParseBackFromStoreKeys()
    {
        foreach (bool storage in new[] { false, true })
        {
            var k = Key(7, storage);
            byte[] bytes = k.ToArray();
            Assert.Equal(storage ? 52 : 32, bytes.Length);
            Assert.True(NodeKey.TryParse(bytes, out var parsed));
            Assert.Equal(k, parsed);
            Assert.Equal(k.GetHashCode(), parsed.GetHashCode());
        }
        Assert.False(NodeKey.TryParse(new byte[33], out _));
        // Same hash, different owner or trie: different records.
        var h = Keccak256.Compute([1]);
        Assert.NotEqual(new NodeKey(h, default, false), new NodeKey(h, default, true));
        Assert.NotEqual(new NodeKey(h, new Address(new byte[20]), true), new NodeKey(h, new Address(Enumerable.Repeat((byte)1, 20).ToArray()), true));
    }

    [Fact]
    public void KeyListMergesMoveEveryKeyOnce()
    {
        var a = new NodeKeyList();
        var b = new NodeKeyList();
        for (int i = 0; i < 10; i++) a.Add(Key(i, false));
        for (int i = 10; i < 25; i++) b.Add(Key(i, true));
        a.AddFrom(b);
        a.AddFrom(new NodeKeyList());
        a.Add(Key(25, false));
        Assert.Equal(26, a.Count);
        Assert.Equal(0, b.Count);
        Assert.Empty(b);
        var seen = new HashSet<NodeKey>();
        foreach (var k in a) Assert.True(seen.Add(k));
        for (int i = 0; i < 26; i++) Assert.Contains(Key(i, i >= 10 && i < 25), seen);
        // b is reusable after the move.
        b.Add(Key(99, false));
        Assert.Single(b);
    }

    [Fact]
    public void KeyListsSpanSegmentsAndReuseReleasedOnes()
    {
        // Several 1024-key segments, merged into a list with a partly filled one, released, and
        // the recycled segments must show only the new list's keys.
        var a = new NodeKeyList();
        var b = new NodeKeyList();
        for (int i = 0; i < 1500; i++) a.Add(Key(i, false));
        for (int i = 1500; i < 4000; i++) b.Add(Key(i, true));
        a.AddFrom(b);
        a.Add(Key(4000, false));
        Assert.Equal(4001, a.Count);
        var seen = new HashSet<NodeKey>();
        foreach (var k in a) Assert.True(seen.Add(k));
        for (int i = 0; i <= 4000; i++) Assert.Contains(Key(i, i >= 1500 && i < 4000), seen);
        a.Release();
        Assert.Equal(0, a.Count);
        Assert.Empty(a);
        var c = new NodeKeyList();
        for (int i = 0; i < 3; i++) c.Add(Key(-i - 1, false));
        Assert.Equal([Key(-1, false), Key(-2, false), Key(-3, false)], c.ToList());
    }
}
