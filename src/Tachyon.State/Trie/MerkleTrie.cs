using System.Runtime.InteropServices;
using Tachyon.Core.Crypto;
using Tachyon.Core.Types;

namespace Tachyon.State.Trie;

/// <summary>
/// A live Merkle Patricia Trie over 32-byte keys (a secure trie: keys are already hashed), backed
/// by a node store it loads from lazily. Nodes live in a <see cref="NodeArena"/> (possibly shared
/// with other tries) as int handles; a stored node not loaded yet is a hash node, decoded in
/// place on first use. Updates mutate nodes in place and mark them dirty; <see cref="Commit"/>
/// re-hashes only the dirty paths and reports new and dead node records. Not thread-safe, except
/// that <see cref="Apply"/> and <see cref="Commit"/> split work across the 16 subtries of the root internally.
/// </summary>
internal sealed class MerkleTrie
{
    private readonly INodeReader _reader;
    private readonly NodeArena _arena;
    private readonly byte[] _ownerPrefix;
    private readonly Address _owner;
    private readonly bool _inStorage;
    private int _root;
    // The root is stored under its hash even when its encoding is short; remember that record.
    private Hash256? _storedSmallRoot;

    public MerkleTrie(INodeReader reader, byte[] ownerPrefix, in Hash256 rootHash)
        : this(reader, new NodeArena(), ownerPrefix, rootHash) { }

    public MerkleTrie(INodeReader reader, NodeArena arena, byte[] ownerPrefix, in Hash256 rootHash)
    {
        _reader = reader;
        _arena = arena;
        _ownerPrefix = ownerPrefix;
        if (ownerPrefix.Length == Address.Size) { _owner = new Address(ownerPrefix); _inStorage = true; }
        else if (ownerPrefix.Length != 0) throw new ArgumentException("the owner prefix is empty (account trie) or an address", nameof(ownerPrefix));
        RootHash = rootHash;
        if (rootHash != Hash256.EmptyTrieRoot) _root = arena.NewHash(rootHash);
    }

    /// <summary>The root as of the last <see cref="Commit"/>.</summary>
    public Hash256 RootHash { get; private set; }

    // Dead node keys and old leaf values go straight to the caller's sinks: storage tries are
    // hundreds of tiny updates per block, and a TrieChanges each was most of their allocation.
    private sealed class Ctx(MerkleTrie trie, NodeKeyList dead, Dictionary<Hash256, byte[]?> oldValues)
    {
        public readonly NodeKeyList Dead = dead;
        public readonly Dictionary<Hash256, byte[]?> OldValues = oldValues;

        /// <summary>Marks a node as about to change: its stored record (if any) dies.</summary>
        public void Touch(int handle)
        {
            ref var n = ref trie._arena[handle];
            if (n.Dirty) return;
            if (n.InlineLength == 0 && n.Kind != NodeKind.Hash) Dead.Add(trie.Key(n.Hash));
            n.Dirty = true;
        }

        public void Old(in Hash256 key, ReadOnlySpan<byte> value)
        {
            ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(OldValues, key, out bool exists);
            if (!exists) slot = value.ToArray();
        }

        public void Absent(in Hash256 key) => OldValues.TryAdd(key, null);
    }

    // The parallel path's per-subtrie sinks and buckets, reused across blocks (emptied after each merge).
    private NodeKeyList[]? _bucketDead;
    private Dictionary<Hash256, byte[]?>[]? _bucketOld;
    private List<TrieUpdate>[]? _buckets;

    private NodeKey Key(in Hash256 hash) => new(hash, _owner, _inStorage);

    /// <summary>Decodes a hash node in place from the store (no-op for a loaded node).</summary>
    private void Resolve(int handle)
    {
        ref var n = ref _arena[handle];
        if (n.Kind != NodeKind.Hash) return;
        Hash256 hash = n.Hash;
        Span<byte> key = stackalloc byte[_ownerPrefix.Length + 32];
        _ownerPrefix.CopyTo(key);
        hash.Bytes.CopyTo(key[_ownerPrefix.Length..]);
        byte[] enc = _reader.Load(key) ?? throw new InvalidDataException($"missing trie node {hash}");
        NodeCodec.DecodeInto(_arena, handle, enc);
    }

    /// <summary>Looks a key up, caching the nodes it loads.</summary>
    public byte[]? Get(in Hash256 key) => TryGet(key, out var value) ? value.ToArray() : null;

    /// <summary>As <see cref="Get"/> without a copy: the value is only valid until the trie next changes.</summary>
    public bool TryGet(in Hash256 key, out ReadOnlySpan<byte> value)
    {
        value = default;
        int node = _root, depth = 0;
        while (node != 0)
        {
            Resolve(node);
            ref var n = ref _arena[node];
            switch (n.Kind)
            {
                case NodeKind.Leaf:
                    if (Nibbles.Match(_arena.Path(n), key, depth) != n.PathLength) return false;
                    value = _arena.Value(n);
                    return true;
                case NodeKind.Extension:
                    if (Nibbles.Match(_arena.Path(n), key, depth) != n.PathLength) return false;
                    depth += n.PathLength;
                    node = n.Child;
                    break;
                case NodeKind.Branch:
                    node = _arena.Children(n)[Nibbles.At(key, depth++)];
                    break;
                default:
                    throw new InvalidOperationException($"unexpected {n.Kind} node");
            }
        }
        return false;
    }

    /// <summary>Applies updates (value null deletes). Large batches run the 16 root subtries in parallel.</summary>
    public TrieChanges Apply(IReadOnlyList<TrieUpdate> updates, bool parallel)
    {
        var changes = new TrieChanges();
        Apply(updates, parallel, changes.DeadNodes, changes.OldValues);
        return changes;
    }

    /// <summary>
    /// As above, adding the records that die to <paramref name="dead"/> and the leaf values before
    /// the change (first capture of a key wins) to <paramref name="oldValues"/>.
    /// </summary>
    public void Apply(IReadOnlyList<TrieUpdate> updates, bool parallel, NodeKeyList dead, Dictionary<Hash256, byte[]?> oldValues)
    {
        if (updates.Count == 0) return;
        var ctx = new Ctx(this, dead, oldValues);
        // Checked before anything changes: a bad value must leave the trie as it was.
        for (int i = 0; i < updates.Count; i++)
            if (updates[i].ValueSpan.Length > NodeArena.MaxValueLength)
                throw new ArgumentException($"trie value of {updates[i].ValueSpan.Length} bytes for key {updates[i].Key}; at most {NodeArena.MaxValueLength}");
        if (_root != 0) Resolve(_root);
        if (parallel && updates.Count >= 256 && _root != 0 && _arena[_root].Kind == NodeKind.Branch)
        {
            int rb = _root;
            var buckets = _buckets ??= new List<TrieUpdate>[16];
            var bucketDead = _bucketDead ??= new NodeKeyList[16];
            var bucketOld = _bucketOld ??= new Dictionary<Hash256, byte[]?>[16];
            for (int i = 0; i < 16; i++)
            {
                (buckets[i] ??= new List<TrieUpdate>()).Clear();
                bucketDead[i] ??= new NodeKeyList();
                bucketOld[i] ??= new Dictionary<Hash256, byte[]?>();
            }
            for (int i = 0; i < updates.Count; i++) buckets[Nibbles.At(updates[i].Key, 0)].Add(updates[i]);
            Parallel.For(0, 16, i =>
            {
                var c = new Ctx(this, bucketDead[i], bucketOld[i]);
                var children = _arena.Children(_arena[rb]);
                int child = children[i];
                foreach (var u in buckets[i]) child = ApplyOne(child, u, 1, c);
                children[i] = child;
            });
            bool changed = false;
            oldValues.EnsureCapacity(oldValues.Count + updates.Count); // every updated key ends up there
            var rootChildren = _arena.Children(_arena[rb]);
            for (int i = 0; i < 16; i++)
            {
                dead.AddFrom(bucketDead[i]);
                foreach (var kv in bucketOld[i]) oldValues.TryAdd(kv.Key, kv.Value);
                bucketOld[i].Clear();
                if (buckets[i].Count > 0 && (rootChildren[i] == 0 || _arena[rootChildren[i]].Dirty)) changed = true;
            }
            if (changed)
            {
                ctx.Touch(rb);
                _root = Normalize(rb, ctx);
            }
        }
        else
        {
            for (int i = 0; i < updates.Count; i++) _root = ApplyOne(_root, updates[i], 0, ctx);
        }
        // Keys no leaf matched were absent before.
        for (int i = 0; i < updates.Count; i++) ctx.Absent(updates[i].Key);
    }

    private int ApplyOne(int node, in TrieUpdate u, int depth, Ctx ctx) =>
        u.Value == null ? Delete(node, u.Key, depth, ctx) : Insert(node, u.Key, depth, u.ValueSpan, u.KeepStorageRoot, ctx);

    private int NewLeaf(in Hash256 key, int depth, ReadOnlySpan<byte> value)
    {
        Span<byte> path = stackalloc byte[Nibbles.KeyLength];
        return _arena.NewLeaf(Nibbles.FromKey(key, depth, path), value, dirty: true);
    }

    private int Insert(int node, in Hash256 key, int depth, Span<byte> value, bool keepStorageRoot, Ctx ctx)
    {
        if (node == 0) return NewLeaf(key, depth, value);
        Resolve(node);
        ref var n = ref _arena[node];
        switch (n.Kind)
        {
            case NodeKind.Leaf:
            {
                var path = _arena.Path(n);
                int m = Nibbles.Match(path, key, depth);
                if (m == n.PathLength)
                {
                    var old = _arena.Value(n);
                    ctx.Old(key, old);
                    if (keepStorageRoot) CopyStorageRoot(old, value);
                    if (old.SequenceEqual(value)) return node;
                    ctx.Touch(node);
                    _arena.SetPathAndValue(ref n, path, value);
                    return node;
                }
                ctx.Touch(node);
                Span<byte> prefix = stackalloc byte[Nibbles.KeyLength];
                path[..m].CopyTo(prefix);
                int nibble = path[m];
                _arena.SetPathAndValue(ref n, path[(m + 1)..], _arena.Value(n));
                n.InlineLength = 0;
                int b = _arena.NewBranch(dirty: true);
                var children = _arena.Children(_arena[b]);
                children[nibble] = node;
                children[Nibbles.At(key, depth + m)] = NewLeaf(key, depth + m + 1, value);
                return m == 0 ? b : _arena.NewExtension(prefix[..m], b, dirty: true);
            }
            case NodeKind.Extension:
            {
                var path = _arena.Path(n);
                int m = Nibbles.Match(path, key, depth);
                if (m == n.PathLength)
                {
                    int c = Insert(n.Child, key, depth + m, value, keepStorageRoot, ctx);
                    n.Child = c;
                    if (_arena[c].Dirty) ctx.Touch(node);
                    return node;
                }
                ctx.Touch(node);
                Span<byte> p = stackalloc byte[Nibbles.KeyLength];
                p = p[..path.Length];
                path.CopyTo(p);
                int child = n.Child;
                _arena.Free(node); // replaced by a branch (and extensions above and below it)
                int b = _arena.NewBranch(dirty: true);
                var children = _arena.Children(_arena[b]);
                children[p[m]] = p.Length - m - 1 > 0 ? _arena.NewExtension(p[(m + 1)..], child, dirty: true) : child;
                children[Nibbles.At(key, depth + m)] = NewLeaf(key, depth + m + 1, value);
                return m == 0 ? b : _arena.NewExtension(p[..m], b, dirty: true);
            }
            case NodeKind.Branch:
            {
                var children = _arena.Children(n);
                int i = Nibbles.At(key, depth);
                int c = Insert(children[i], key, depth + 1, value, keepStorageRoot, ctx);
                children[i] = c;
                if (_arena[c].Dirty) ctx.Touch(node);
                return node;
            }
            default:
                throw new InvalidOperationException($"unexpected {n.Kind} node");
        }
    }

    /// <summary>Account RLP ends with 0xa0 storageRoot 0xa0 codeHash: the root sits 65..33 bytes from the end.</summary>
    private static void CopyStorageRoot(ReadOnlySpan<byte> from, Span<byte> to) =>
        from.Slice(from.Length - 65, 32).CopyTo(to.Slice(to.Length - 65, 32));

    public static Hash256 StorageRootOf(ReadOnlySpan<byte> accountRlp) => new(accountRlp.Slice(accountRlp.Length - 65, 32));

    private int Delete(int node, in Hash256 key, int depth, Ctx ctx)
    {
        if (node == 0) return 0;
        Resolve(node);
        ref var n = ref _arena[node];
        switch (n.Kind)
        {
            case NodeKind.Leaf:
                if (Nibbles.Match(_arena.Path(n), key, depth) != n.PathLength) return node;
                ctx.Old(key, _arena.Value(n));
                ctx.Touch(node);
                _arena.Free(node);
                return 0;
            case NodeKind.Extension:
            {
                var path = _arena.Path(n);
                int m = Nibbles.Match(path, key, depth);
                if (m != n.PathLength) return node;
                int c = Delete(n.Child, key, depth + m, ctx);
                if (c != 0 && !_arena[c].Dirty) { n.Child = c; return node; }
                ctx.Touch(node);
                Span<byte> prefix = stackalloc byte[Nibbles.KeyLength];
                prefix = prefix[..path.Length];
                path.CopyTo(prefix);
                _arena.Free(node);
                return c == 0 ? 0 : Join(prefix, c, ctx);
            }
            case NodeKind.Branch:
            {
                var children = _arena.Children(n);
                int i = Nibbles.At(key, depth);
                int old = children[i];
                int c = Delete(old, key, depth + 1, ctx);
                if (c != 0 && !_arena[c].Dirty) { children[i] = c; return node; }
                if (c == 0 && old == 0) return node;
                ctx.Touch(node);
                children[i] = c;
                return c != 0 ? node : Normalize(node, ctx);
            }
            default:
                throw new InvalidOperationException($"unexpected {n.Kind} node");
        }
    }

    /// <summary>A branch left with fewer than two children collapses into its only child.</summary>
    private int Normalize(int branch, Ctx ctx)
    {
        var children = _arena.Children(_arena[branch]);
        int count = 0, last = -1;
        for (int i = 0; i < 16; i++)
            if (children[i] != 0) { count++; last = i; }
        if (count >= 2) return branch;
        int only = count == 0 ? 0 : children[last];
        _arena.Free(branch);
        if (count == 0) return 0;
        ReadOnlySpan<byte> prefix = [(byte)last];
        return Join(prefix, only, ctx);
    }

    /// <summary>Puts <paramref name="prefix"/> in front of a node's path (an extension above it).</summary>
    private int Join(ReadOnlySpan<byte> prefix, int child, Ctx ctx)
    {
        Resolve(child);
        ref var c = ref _arena[child];
        if (c.Kind == NodeKind.Branch) return _arena.NewExtension(prefix, child, dirty: true);
        ctx.Touch(child);
        Span<byte> path = stackalloc byte[Nibbles.KeyLength];
        prefix.CopyTo(path);
        _arena.Path(c).CopyTo(path[prefix.Length..]);
        _arena.SetPathAndValue(ref c, path[..(prefix.Length + c.PathLength)], _arena.Value(c));
        c.InlineLength = 0;
        return child;
    }

    /// <summary>Hashes the dirty nodes, collecting new node records and the dead ones from <paramref name="changes"/>.</summary>
    public Hash256 Commit(TrieChanges changes, bool parallel)
    {
        Hash256 newRoot;
        if (_root == 0) newRoot = Hash256.EmptyTrieRoot;
        else if (!_arena[_root].Dirty) newRoot = RootHash;
        else
        {
            if (parallel && _arena[_root].Kind == NodeKind.Branch)
            {
                var sinks = new TrieChanges[16];
                int rb = _root;
                Parallel.For(0, 16, i =>
                {
                    var s = sinks[i] = new TrieChanges();
                    int c = _arena.Children(_arena[rb])[i];
                    if (c != 0 && _arena[c].Dirty) Hash(c, s);
                });
                foreach (var s in sinks) changes.AddFrom(s);
            }
            Hash(_root, changes);
            ref var r = ref _arena[_root];
            if (r.InlineLength > 0)
            {
                // Short root: still stored under its hash so the trie can be reopened from it.
                var inline = r.Hash.Bytes[..r.InlineLength];
                newRoot = Keccak256.Compute(inline);
                changes.NewNodes.Add(Key(newRoot), inline);
            }
            else newRoot = r.Hash;
        }
        if (_storedSmallRoot is { } old && old != newRoot) changes.DeadNodes.Add(Key(old));
        _storedSmallRoot = _root != 0 && _arena[_root].InlineLength > 0 ? newRoot : null;
        RootHash = newRoot;
        return newRoot;
    }

    // A full branch is 532 bytes (NodeCodec.MaxBranchLength); account leaves about 145.
    private const int MaxStackEncoding = 640;

    // No zeroing of the 640-byte scratch per node: Encode writes every byte it returns.
    [System.Runtime.CompilerServices.SkipLocalsInit]
    private void Hash(int handle, TrieChanges sink)
    {
        ref var n = ref _arena[handle];
        if (!n.Dirty) return;
        if (n.Kind == NodeKind.Branch)
        {
            var children = _arena.Children(n);
            _arena.Prefetch(children); // the clean ones are read too: for their Dirty flag, then their hash
            for (int i = 0; i < 16; i++) if (children[i] != 0) Hash(children[i], sink);
        }
        else if (n.Kind == NodeKind.Extension) Hash(n.Child, sink);
        // Encode into scratch and hash it there; only the record store keeps a copy.
        Span<byte> enc = stackalloc byte[MaxStackEncoding];
        if (n.Kind == NodeKind.Branch)
        {
            int start = NodeCodec.EncodeBranch(_arena, handle, enc, out int length);
            enc = enc.Slice(start, length);
        }
        else
        {
            int len = NodeCodec.EncodedLength(_arena, handle);
            if (len > MaxStackEncoding) enc = new byte[len];
            enc = enc[..NodeCodec.Encode(_arena, handle, enc)];
        }
        if (enc.Length >= 32)
        {
            n.Hash = Keccak256.Compute(enc);
            n.InlineLength = 0;
            sink.NewNodes.Add(Key(n.Hash), enc);
        }
        else
        {
            n.Hash = default;
            enc.CopyTo(n.Hash.AsWritableSpan());
            n.InlineLength = (byte)enc.Length;
        }
        n.Dirty = false;
    }

    /// <summary>Empties the trie, reporting every stored record of it as dead (loads the whole trie).</summary>
    public TrieChanges Wipe()
    {
        var changes = new TrieChanges();
        Wipe(changes.DeadNodes, changes.OldValues);
        return changes;
    }

    /// <summary>As above, into the caller's sinks (see <see cref="Apply(IReadOnlyList{TrieUpdate}, bool, NodeKeyList, Dictionary{Hash256, byte[]?})"/>).</summary>
    public void Wipe(NodeKeyList dead, Dictionary<Hash256, byte[]?> oldValues)
    {
        var ctx = new Ctx(this, dead, oldValues);
        if (_root != 0)
        {
            Span<byte> path = stackalloc byte[Nibbles.KeyLength];
            Collect(_root, path, 0, ctx);
        }
        if (_storedSmallRoot is { } s) dead.Add(Key(s));
        else if (_root == 0 && RootHash != Hash256.EmptyTrieRoot) dead.Add(Key(RootHash));
        _root = 0;
        _storedSmallRoot = null;
        RootHash = Hash256.EmptyTrieRoot;
    }

    // Visits (loading) and frees every node below handle; path holds the nibbles above it.
    private void Collect(int handle, Span<byte> path, int depth, Ctx ctx)
    {
        Resolve(handle);
        ref var n = ref _arena[handle];
        if (n.IsStored) ctx.Dead.Add(Key(n.Hash));
        switch (n.Kind)
        {
            case NodeKind.Branch:
                var children = _arena.Children(n);
                for (int i = 0; i < 16; i++)
                {
                    if (children[i] == 0) continue;
                    path[depth] = (byte)i;
                    Collect(children[i], path, depth + 1, ctx);
                }
                break;
            case NodeKind.Extension:
                _arena.Path(n).CopyTo(path[depth..]);
                Collect(n.Child, path, depth + n.PathLength, ctx);
                break;
            case NodeKind.Leaf:
                _arena.Path(n).CopyTo(path[depth..]);
                ctx.Old(Nibbles.ToKey(path[..(depth + n.PathLength)]), _arena.Value(n));
                break;
        }
        _arena.Free(handle);
    }

    /// <summary>Frees the resident nodes (loading nothing) when the trie is dropped; it must not be used afterwards.</summary>
    public void Release()
    {
        if (_root != 0) FreeTree(_root);
        _root = 0;
    }

    private void FreeTree(int handle)
    {
        ref var n = ref _arena[handle];
        if (n.Kind == NodeKind.Branch)
        {
            var children = _arena.Children(n);
            for (int i = 0; i < 16; i++) if (children[i] != 0) FreeTree(children[i]);
        }
        else if (n.Kind == NodeKind.Extension) FreeTree(n.Child);
        _arena.Free(handle);
    }
}
