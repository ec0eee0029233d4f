using Tachyon.Core.Types;
using Tachyon.State.Layers;
using Tachyon.State.Trie;

namespace Tachyon.State.Tests;

public class NodePrunerTests
{
    // Account-trie keys whose hashes share the first 8 bytes share a fingerprint.
    private static NodeKey Key(byte head, byte tail)
    {
        var b = new byte[32];
        b[0] = head;
        b[31] = tail;
        return new NodeKey(new Hash256(b), default, false);
    }

    private static TrieChanges Changes(NodeKey[] dead, NodeKey[] born)
    {
        var c = new TrieChanges();
        foreach (var k in dead) c.DeadNodes.Add(k);
        foreach (var k in born) c.NewNodes.Add(k, [0xc0]);
        return c;
    }

    private static List<NodeKey> Run(NodePruner p, ulong block, TrieChanges c)
    {
        p.Record(block, c);
        var deletes = new List<NodeKey>();
        p.Prune(block, deletes);
        return deletes;
    }

    [Fact]
    public void DeadRecordsGoAfterTheWindowUnlessReborn()
    {
        var p = new NodePruner(3);
        var a = Key(1, 0);
        var b = Key(2, 0);
        Assert.Empty(Run(p, 1, Changes([a, b], [])));
        Assert.Empty(Run(p, 2, Changes([], [b]))); // b is written again: its death is cancelled
        Assert.Equal([a], Run(p, 3, Changes([], [])));
        Assert.Empty(Run(p, 4, Changes([], [])));
        Assert.Equal(0, p.PendingCount);
    }

    [Fact]
    public void SharedFingerprintsNeverDeleteALiveRecord()
    {
        var k1 = Key(7, 1);
        var k2 = Key(7, 2);
        Assert.Equal(k1.Fingerprint, k2.Fingerprint);
        Assert.NotEqual(k1, k2);
        var p = new NodePruner(3);
        var deleted = new List<NodeKey>();
        deleted.AddRange(Run(p, 1, Changes([k1], [])));
        deleted.AddRange(Run(p, 2, Changes([k2], [])));
        deleted.AddRange(Run(p, 3, Changes([], [k1]))); // k1 lives again
        for (ulong n = 4; n < 10; n++) deleted.AddRange(Run(p, n, Changes([], [])));
        Assert.DoesNotContain(k1, deleted); // k2 may leak; k1 must survive
        // A key killed and written in the same block as its twin's death stays too.
        var q = new NodePruner(2);
        var all = new List<NodeKey>();
        all.AddRange(Run(q, 1, Changes([k1], [k2])));
        for (ulong n = 2; n < 6; n++) all.AddRange(Run(q, n, Changes([], [])));
        Assert.DoesNotContain(k2, all);
    }
}
