using Tachyon.Core.Crypto;
using Tachyon.Core.Types;

namespace Tachyon.State.Trie;

/// <summary>
/// A live Merkle Patricia Trie over 32-byte keys (a secure trie: keys are already hashed), backed
/// by a node store it loads from lazily. Updates mutate nodes in place and mark them dirty;
/// <see cref="Commit"/> re-hashes only the dirty paths and reports new and dead node records.
/// Not thread-safe, except that <see cref="Apply"/> and <see cref="Commit"/> split work across
/// the 16 subtries of the root internally.
/// </summary>
internal sealed class MerkleTrie
{
    private readonly INodeReader _reader;
    private readonly byte[] _ownerPrefix;
    private readonly Address _owner;
    private readonly bool _inStorage;
    private TrieNode? _root;
    // The root is stored under its hash even when its encoding is short; remember that record.
    private Hash256? _storedSmallRoot;

    public MerkleTrie(INodeReader reader, byte[] ownerPrefix, in Hash256 rootHash)
    {
        _reader = reader;
        _ownerPrefix = ownerPrefix;
        if (ownerPrefix.Length == Address.Size) { _owner = new Address(ownerPrefix); _inStorage = true; }
        else if (ownerPrefix.Length != 0) throw new ArgumentException("the owner prefix is empty (account trie) or an address", nameof(ownerPrefix));
        if (rootHash != Hash256.EmptyTrieRoot)
        {
            _root = new HashNode(rootHash);
            RootHash = rootHash;
        }
        else RootHash = Hash256.EmptyTrieRoot;
    }

    /// <summary>The root as of the last <see cref="Commit"/>.</summary>
    public Hash256 RootHash { get; private set; }

    private sealed class Ctx(MerkleTrie trie)
    {
        public readonly TrieChanges Changes = new();

        /// <summary>Marks a node as about to change: its stored record (if any) dies.</summary>
        public void Touch(TrieNode n)
        {
            if (n.Dirty) return;
            if (n.Inline == null && n is not HashNode) Changes.DeadNodes.Add(trie.Key(n.Hash));
            n.Dirty = true;
        }

        public TrieNode Resolve(TrieNode n) => n is HashNode h ? trie.Load(h.Hash) : n;

        public void Old(in Hash256 key, byte[]? value) => Changes.OldValues.TryAdd(key, value);
    }

    private NodeKey Key(in Hash256 hash) => new(hash, _owner, _inStorage);

    private TrieNode Load(in Hash256 hash)
    {
        Span<byte> key = stackalloc byte[_ownerPrefix.Length + 32];
        _ownerPrefix.CopyTo(key);
        hash.Bytes.CopyTo(key[_ownerPrefix.Length..]);
        byte[] enc = _reader.Load(key) ?? throw new InvalidDataException($"missing trie node {hash}");
        return NodeCodec.Decode(enc, hash);
    }

    /// <summary>Looks a key up, caching the nodes it loads.</summary>
    public byte[]? Get(in Hash256 key)
    {
        if (_root is HashNode h) _root = Load(h.Hash);
        TrieNode? node = _root;
        int depth = 0;
        while (node != null)
        {
            switch (node)
            {
                case LeafNode l:
                    return Nibbles.Match(l.Path, key, depth) == l.Path.Length ? l.Value : null;
                case ExtensionNode e:
                    if (Nibbles.Match(e.Path, key, depth) != e.Path.Length) return null;
                    depth += e.Path.Length;
                    if (e.Child is HashNode eh) e.Child = Load(eh.Hash);
                    node = e.Child;
                    break;
                case BranchNode b:
                    int i = Nibbles.At(key, depth++);
                    if (b.Children[i] is HashNode bh) b.Children[i] = Load(bh.Hash);
                    node = b.Children[i];
                    break;
                default:
                    throw new InvalidOperationException("unexpected node");
            }
        }
        return null;
    }

    /// <summary>Applies updates (value null deletes). Large batches run the 16 root subtries in parallel.</summary>
    public TrieChanges Apply(IReadOnlyList<TrieUpdate> updates, bool parallel)
    {
        var ctx = new Ctx(this);
        if (updates.Count == 0) return ctx.Changes;
        if (_root is HashNode) _root = ctx.Resolve(_root);
        if (parallel && updates.Count >= 256 && _root is BranchNode rb)
        {
            var buckets = new List<TrieUpdate>[16];
            int expect = updates.Count / 16 + updates.Count / 64 + 8;
            for (int i = 0; i < 16; i++) buckets[i] = new List<TrieUpdate>(expect);
            foreach (var u in updates) buckets[Nibbles.At(u.Key, 0)].Add(u);
            var ctxs = new Ctx[16];
            Parallel.For(0, 16, i =>
            {
                var c = ctxs[i] = new Ctx(this);
                // Sized up front: each update touches a few nodes below the root (no regrowth garbage).
                c.Changes.DeadNodes.Reserve(buckets[i].Count * 3);
                c.Changes.OldValues.EnsureCapacity(buckets[i].Count);
                TrieNode? child = rb.Children[i];
                foreach (var u in buckets[i]) child = ApplyOne(child, u, 1, c);
                rb.Children[i] = child;
            });
            bool changed = false;
            ctx.Changes.OldValues.EnsureCapacity(updates.Count); // every updated key ends up there
            for (int i = 0; i < 16; i++)
            {
                ctx.Changes.AddSameTrie(ctxs[i].Changes);
                if (buckets[i].Count > 0 && (rb.Children[i] == null || rb.Children[i]!.Dirty)) changed = true;
            }
            if (changed)
            {
                ctx.Touch(rb);
                _root = Normalize(rb, ctx);
            }
        }
        else
        {
            foreach (var u in updates) _root = ApplyOne(_root, u, 0, ctx);
        }
        // Keys no leaf matched were absent before.
        foreach (var u in updates) ctx.Old(u.Key, null);
        return ctx.Changes;
    }

    private static TrieNode? ApplyOne(TrieNode? node, in TrieUpdate u, int depth, Ctx ctx) =>
        u.Value == null ? Delete(node, u.Key, depth, ctx) : Insert(node, u.Key, depth, u.Value, u.KeepStorageRoot, ctx);

    private static TrieNode Insert(TrieNode? node, in Hash256 key, int depth, byte[] value, bool keepStorageRoot, Ctx ctx)
    {
        if (node == null) return new LeafNode(Nibbles.FromKey(key, depth), value) { Dirty = true };
        node = ctx.Resolve(node);
        switch (node)
        {
            case LeafNode l:
            {
                int m = Nibbles.Match(l.Path, key, depth);
                if (m == l.Path.Length)
                {
                    ctx.Old(key, l.Value);
                    if (keepStorageRoot) CopyStorageRoot(l.Value, value);
                    if (l.Value.AsSpan().SequenceEqual(value)) return l;
                    ctx.Touch(l);
                    l.Value = value;
                    return l;
                }
                ctx.Touch(l);
                byte[] old = l.Path;
                var b = new BranchNode { Dirty = true };
                l.Path = old[(m + 1)..];
                l.Inline = null;
                b.Children[old[m]] = l;
                b.Children[Nibbles.At(key, depth + m)] = new LeafNode(Nibbles.FromKey(key, depth + m + 1), value) { Dirty = true };
                return m == 0 ? b : new ExtensionNode(old[..m], b) { Dirty = true };
            }
            case ExtensionNode e:
            {
                int m = Nibbles.Match(e.Path, key, depth);
                if (m == e.Path.Length)
                {
                    TrieNode c = Insert(e.Child, key, depth + m, value, keepStorageRoot, ctx);
                    e.Child = c;
                    if (c.Dirty) ctx.Touch(e);
                    return e;
                }
                ctx.Touch(e);
                var b = new BranchNode { Dirty = true };
                b.Children[e.Path[m]] = e.Path.Length - m - 1 > 0
                    ? new ExtensionNode(e.Path[(m + 1)..], e.Child) { Dirty = true }
                    : e.Child;
                b.Children[Nibbles.At(key, depth + m)] = new LeafNode(Nibbles.FromKey(key, depth + m + 1), value) { Dirty = true };
                return m == 0 ? b : new ExtensionNode(e.Path[..m], b) { Dirty = true };
            }
            case BranchNode br:
            {
                int i = Nibbles.At(key, depth);
                TrieNode c = Insert(br.Children[i], key, depth + 1, value, keepStorageRoot, ctx);
                br.Children[i] = c;
                if (c.Dirty) ctx.Touch(br);
                return br;
            }
            default:
                throw new InvalidOperationException("unexpected node");
        }
    }

    /// <summary>Account RLP ends with 0xa0 storageRoot 0xa0 codeHash: the root sits 65..33 bytes from the end.</summary>
    private static void CopyStorageRoot(byte[] from, byte[] to) =>
        from.AsSpan(from.Length - 65, 32).CopyTo(to.AsSpan(to.Length - 65, 32));

    public static Hash256 StorageRootOf(byte[] accountRlp) => new(accountRlp.AsSpan(accountRlp.Length - 65, 32));

    private static TrieNode? Delete(TrieNode? node, in Hash256 key, int depth, Ctx ctx)
    {
        if (node == null) return null;
        node = ctx.Resolve(node);
        switch (node)
        {
            case LeafNode l:
                if (Nibbles.Match(l.Path, key, depth) != l.Path.Length) return l;
                ctx.Old(key, l.Value);
                ctx.Touch(l);
                return null;
            case ExtensionNode e:
            {
                int m = Nibbles.Match(e.Path, key, depth);
                if (m != e.Path.Length) return e;
                TrieNode? c = Delete(e.Child, key, depth + m, ctx);
                if (c != null && !c.Dirty) { e.Child = c; return e; }
                ctx.Touch(e);
                return c == null ? null : Join(e.Path, c, ctx);
            }
            case BranchNode b:
            {
                int i = Nibbles.At(key, depth);
                TrieNode? old = b.Children[i];
                TrieNode? c = Delete(old, key, depth + 1, ctx);
                if (c != null && !c.Dirty) { b.Children[i] = c; return b; }
                if (c == null && old == null) return b;
                ctx.Touch(b);
                b.Children[i] = c;
                return c != null ? b : Normalize(b, ctx);
            }
            default:
                throw new InvalidOperationException("unexpected node");
        }
    }

    /// <summary>A branch left with fewer than two children collapses into its only child.</summary>
    private static TrieNode? Normalize(BranchNode b, Ctx ctx)
    {
        int n = b.CountChildren(out int last);
        if (n >= 2) return b;
        if (n == 0) return null;
        TrieNode only = ctx.Resolve(b.Children[last]!);
        return Join([(byte)last], only, ctx);
    }

    /// <summary>Puts <paramref name="prefix"/> in front of a node's path (an extension above it).</summary>
    private static TrieNode Join(byte[] prefix, TrieNode child, Ctx ctx)
    {
        child = ctx.Resolve(child);
        switch (child)
        {
            case LeafNode l:
                ctx.Touch(l);
                l.Path = Nibbles.Concat(prefix, l.Path);
                l.Inline = null;
                return l;
            case ExtensionNode e:
                ctx.Touch(e);
                e.Path = Nibbles.Concat(prefix, e.Path);
                e.Inline = null;
                return e;
            default:
                return new ExtensionNode(prefix, child) { Dirty = true };
        }
    }

    /// <summary>Hashes the dirty nodes, collecting new node records and the dead ones from <paramref name="changes"/>.</summary>
    public Hash256 Commit(TrieChanges changes, bool parallel)
    {
        Hash256 newRoot;
        if (_root == null) newRoot = Hash256.EmptyTrieRoot;
        else if (!_root.Dirty) newRoot = RootHash;
        else
        {
            if (parallel && _root is BranchNode b)
            {
                var sinks = new TrieChanges[16];
                Parallel.For(0, 16, i =>
                {
                    var s = sinks[i] = new TrieChanges();
                    if (b.Children[i] is { Dirty: true } c) Hash(c, s);
                });
                foreach (var s in sinks) changes.AddFrom(s);
            }
            Hash(_root, changes);
            if (_root.Inline != null)
            {
                // Short root: still stored under its hash so the trie can be reopened from it.
                newRoot = Keccak256.Compute(_root.Inline);
                changes.NewNodes.Add(Key(newRoot), _root.Inline);
            }
            else newRoot = _root.Hash;
        }
        if (_storedSmallRoot is { } old && old != newRoot) changes.DeadNodes.Add(Key(old));
        _storedSmallRoot = _root is { Inline: not null } ? newRoot : null;
        RootHash = newRoot;
        return newRoot;
    }

    // A full branch is 532 bytes; account leaves about 110.
    private const int MaxStackEncoding = 640;

    // No zeroing of the 640-byte scratch per node: Encode writes every byte it returns.
    [System.Runtime.CompilerServices.SkipLocalsInit]
    private void Hash(TrieNode node, TrieChanges sink)
    {
        if (!node.Dirty) return;
        switch (node)
        {
            case BranchNode b:
                foreach (var c in b.Children) if (c != null) Hash(c, sink);
                break;
            case ExtensionNode e:
                Hash(e.Child, sink);
                break;
        }
        // Encode into scratch and hash it there; only the record store keeps a copy.
        int len = NodeCodec.EncodedLength(node);
        Span<byte> enc = len <= MaxStackEncoding ? stackalloc byte[MaxStackEncoding] : new byte[len];
        enc = enc[..NodeCodec.Encode(node, enc)];
        if (enc.Length >= 32)
        {
            node.Hash = Keccak256.Compute(enc);
            node.Inline = null;
            sink.NewNodes.Add(Key(node.Hash), enc);
        }
        else node.Inline = enc.ToArray();
        node.Dirty = false;
    }

    /// <summary>Empties the trie, reporting every stored record of it as dead (loads the whole trie).</summary>
    public TrieChanges Wipe()
    {
        var ctx = new Ctx(this);
        if (_root != null) Collect(_root, [], ctx);
        if (_storedSmallRoot is { } s) ctx.Changes.DeadNodes.Add(Key(s));
        else if (_root == null && RootHash != Hash256.EmptyTrieRoot) ctx.Changes.DeadNodes.Add(Key(RootHash));
        _root = null;
        _storedSmallRoot = null;
        RootHash = Hash256.EmptyTrieRoot;
        return ctx.Changes;
    }

    private void Collect(TrieNode node, byte[] path, Ctx ctx)
    {
        node = ctx.Resolve(node);
        if (node.IsStored) ctx.Changes.DeadNodes.Add(Key(node.Hash));
        switch (node)
        {
            case BranchNode b:
                for (int i = 0; i < 16; i++)
                    if (b.Children[i] is { } c) Collect(c, Nibbles.Concat(path, [(byte)i]), ctx);
                break;
            case ExtensionNode e:
                Collect(e.Child, Nibbles.Concat(path, e.Path), ctx);
                break;
            case LeafNode l:
                ctx.Old(Nibbles.ToKey(Nibbles.Concat(path, l.Path)), l.Value);
                break;
        }
    }
}
