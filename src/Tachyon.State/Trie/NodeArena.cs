using System.Runtime.CompilerServices;
using Tachyon.Core.Types;

namespace Tachyon.State.Trie;

internal enum NodeKind : byte { Free, Leaf, Extension, Branch, Hash }

/// <summary>
/// A live trie node as a plain struct in <see cref="NodeArena"/>: no object references, so the
/// GC never traces or card-marks the trie. A clean node knows how its parent refers to it: by
/// <see cref="Hash"/> when its encoding is 32 bytes or more (it is stored under that hash), or,
/// when <see cref="InlineLength"/> is set, by its encoding, kept in the bytes of <see cref="Hash"/>.
/// </summary>
internal struct ArenaNode
{
    public Hash256 Hash;
    /// <summary>Leaf/extension: the byte block holding path nibbles then value; branch: its child slot.</summary>
    public int Data;
    /// <summary>Extension: the child; free node: the next free one.</summary>
    public int Child;
    public ushort ValueLength;
    public byte PathLength;
    public byte InlineLength;
    public byte SizeClass;
    public NodeKind Kind;
    public bool Dirty;

    /// <summary>True when this node has its own record in the node store.</summary>
    public readonly bool IsStored => !Dirty && InlineLength == 0 && Kind != NodeKind.Hash;
}

/// <summary>
/// Storage for live trie nodes, shared by the account trie and all storage tries of a state:
/// nodes in fixed segments of structs addressed by int handles (0 is "no node"), branch children
/// as 16 ints per branch, leaf/extension paths (one nibble per byte) and values in byte blocks of
/// 16-byte size classes carved from 1 MiB chunks. Freed nodes, child slots and blocks go on free
/// lists. Segments never move once made, so a <c>ref</c> into one stays valid while other threads
/// allocate; allocation and freeing take a lock (tries apply their 16 subtries in parallel).
/// </summary>
internal sealed class NodeArena
{
    private const int NodeShift = 14, NodeMask = (1 << NodeShift) - 1;
    private const int SlotShift = 16, SlotMask = (1 << SlotShift) - 1; // ints per child segment (4096 branches)
    private const int ChunkShift = 20, ChunkMask = (1 << ChunkShift) - 1;
    public const int MaxValueLength = 1024;
    private const int MaxClass = (Nibbles.KeyLength + MaxValueLength + 15) >> 4;

    private readonly Lock _lock = new();
    private ArenaNode[][] _nodes = [new ArenaNode[1 << NodeShift]];
    private int[][] _slots = [new int[1 << SlotShift]];
    private byte[][] _chunks = [];
    private int _nodeCount = 1, _freeNode, _liveNodes;        // handle 0 stays unused: "no node"
    private int _slotCount, _freeSlot = -1;                    // child slot index (16 ints each)
    private int _chunkUsed = 1 << ChunkShift;                  // bump offset in the last chunk
    private readonly int[] _freeBlock = new int[MaxClass + 1]; // per size class, -1: empty

    public NodeArena() => Array.Fill(_freeBlock, -1);

    /// <summary>Nodes in use (tests and memory reports).</summary>
    public int LiveNodes => Volatile.Read(ref _liveNodes);

    /// <summary>Bytes of arrays the arena holds (node segments, child slots, path/value chunks).</summary>
    public long ReservedBytes
    {
        get
        {
            lock (_lock)
            {
                long nodes = 0, slots = 0;
                foreach (var seg in _nodes) if (seg != null) nodes++;
                foreach (var seg in _slots) if (seg != null) slots++;
                return nodes * (Unsafe.SizeOf<ArenaNode>() << NodeShift) + slots * ((long)sizeof(int) << SlotShift)
                       + ((long)_chunks.Length << ChunkShift);
            }
        }
    }

    /// <summary>Node handles ever made (a freed handle is reused before this grows).</summary>
    public int Capacity => Volatile.Read(ref _nodeCount);

    public ref ArenaNode this[int handle]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref _nodes[handle >> NodeShift][handle & NodeMask];
    }

    /// <summary>The 16 child handles of a branch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<int> Children(in ArenaNode branch)
    {
        int i = branch.Data * 16;
        return _slots[i >> SlotShift].AsSpan(i & SlotMask, 16);
    }

    /// <summary>
    /// Starts loading the given nodes into the cache at once. A dirty branch's children sit at random
    /// places in a large arena; touching them one by one pays one cache and TLB miss after another.
    /// </summary>
    public unsafe void Prefetch(ReadOnlySpan<int> handles)
    {
        if (!System.Runtime.Intrinsics.X86.Sse.IsSupported) return;
        foreach (int h in handles)
            if (h != 0) System.Runtime.Intrinsics.X86.Sse.Prefetch0(Unsafe.AsPointer(ref this[h]));
    }

    public Span<byte> Path(in ArenaNode n) => Block(n.Data, n.PathLength);

    public Span<byte> Value(in ArenaNode n) => Block(n.Data, n.PathLength + n.ValueLength)[n.PathLength..];

    private Span<byte> Block(int block, int length) =>
        length == 0 ? default : _chunks[block >> ChunkShift].AsSpan(block & ChunkMask, length);

    public int NewHash(in Hash256 hash)
    {
        int h = AllocNode();
        ref var n = ref this[h];
        n.Kind = NodeKind.Hash;
        n.Hash = hash;
        return h;
    }

    public int NewBranch(bool dirty)
    {
        int h = AllocNode();
        ref var n = ref this[h];
        n.Kind = NodeKind.Branch;
        n.Dirty = dirty;
        n.Data = AllocSlot();
        Children(n).Clear();
        return h;
    }

    public int NewLeaf(ReadOnlySpan<byte> path, ReadOnlySpan<byte> value, bool dirty)
    {
        int h = AllocNode();
        ref var n = ref this[h];
        n.Kind = NodeKind.Leaf;
        n.Dirty = dirty;
        SetPathAndValue(ref n, path, value);
        return h;
    }

    public int NewExtension(ReadOnlySpan<byte> path, int child, bool dirty)
    {
        int h = AllocNode();
        ref var n = ref this[h];
        n.Kind = NodeKind.Extension;
        n.Dirty = dirty;
        n.Child = child;
        SetPathAndValue(ref n, path, default);
        return h;
    }

    /// <summary>Turns a hash node into the decoded node it stands for (same handle).</summary>
    public void BecomeBranch(ref ArenaNode n)
    {
        n.Kind = NodeKind.Branch;
        n.Data = AllocSlot();
        Children(n).Clear();
    }

    /// <summary>Replaces a leaf's or extension's path and value, reusing its block when it fits.</summary>
    [SkipLocalsInit]
    public void SetPathAndValue(ref ArenaNode n, ReadOnlySpan<byte> path, ReadOnlySpan<byte> value)
    {
        if (value.Length > MaxValueLength) throw new ArgumentException($"trie values are at most {MaxValueLength} bytes, got {value.Length}");
        if (path.Length > Nibbles.KeyLength) throw new InvalidDataException($"trie path of {path.Length} nibbles");
        int size = path.Length + value.Length, cls = (size + 15) >> 4;
        // Compose first: the new path or value may be a slice of the block being replaced.
        Span<byte> tmp = stackalloc byte[Nibbles.KeyLength + MaxValueLength];
        path.CopyTo(tmp);
        value.CopyTo(tmp[path.Length..]);
        if (cls > n.SizeClass || (n.SizeClass != 0 && cls == 0))
        {
            if (n.SizeClass != 0) FreeBlock(n.Data, n.SizeClass);
            n.Data = cls == 0 ? 0 : AllocBlock(cls);
            n.SizeClass = (byte)cls;
        }
        n.PathLength = (byte)path.Length;
        n.ValueLength = (ushort)value.Length;
        tmp[..size].CopyTo(Block(n.Data, size));
    }

    /// <summary>Returns a node (and its block or child slot) to the free lists. Its children are not touched.</summary>
    public void Free(int handle)
    {
        ref var n = ref this[handle];
        lock (_lock)
        {
            if (n.Kind == NodeKind.Branch)
            {
                _slots[n.Data * 16 >> SlotShift][n.Data * 16 & SlotMask] = _freeSlot;
                _freeSlot = n.Data;
            }
            else if (n.SizeClass != 0) FreeBlockLocked(n.Data, n.SizeClass);
            n = default;
            n.Child = _freeNode;
            _freeNode = handle;
            _liveNodes--;
        }
    }

    private int AllocNode()
    {
        lock (_lock)
        {
            _liveNodes++;
            if (_freeNode != 0)
            {
                int h = _freeNode;
                ref var f = ref this[h];
                _freeNode = f.Child;
                f = default;
                return h;
            }
            int next = _nodeCount;
            if ((next >> NodeShift) == _nodes.Length)
            {
                var grown = new ArenaNode[_nodes.Length * 2][];
                _nodes.CopyTo(grown, 0);
                grown[_nodes.Length] = new ArenaNode[1 << NodeShift];
                Volatile.Write(ref _nodes, grown);
            }
            else _nodes[next >> NodeShift] ??= new ArenaNode[1 << NodeShift];
            _nodeCount = next + 1;
            return next;
        }
    }

    private int AllocSlot()
    {
        lock (_lock)
        {
            if (_freeSlot >= 0)
            {
                int s = _freeSlot;
                _freeSlot = _slots[s * 16 >> SlotShift][s * 16 & SlotMask];
                return s;
            }
            int next = _slotCount;
            int seg = next * 16 >> SlotShift;
            if (seg == _slots.Length)
            {
                var grown = new int[_slots.Length * 2][];
                _slots.CopyTo(grown, 0);
                grown[seg] = new int[1 << SlotShift];
                Volatile.Write(ref _slots, grown);
            }
            else _slots[seg] ??= new int[1 << SlotShift];
            _slotCount = next + 1;
            return next;
        }
    }

    private int AllocBlock(int cls)
    {
        lock (_lock)
        {
            int b = _freeBlock[cls];
            if (b >= 0)
            {
                _freeBlock[cls] = BitConverter.ToInt32(Block(b, 4));
                return b;
            }
            int size = cls << 4;
            if (_chunkUsed + size > 1 << ChunkShift)
            {
                // Block addresses are chunk << 20 | offset in an int.
                if (_chunks.Length >= 1 << (31 - ChunkShift)) throw new InvalidOperationException("trie arena is full (2 GiB of paths and values)");
                var grown = new byte[_chunks.Length + 1][];
                _chunks.CopyTo(grown, 0);
                grown[^1] = new byte[1 << ChunkShift];
                Volatile.Write(ref _chunks, grown);
                _chunkUsed = 0;
            }
            b = ((_chunks.Length - 1) << ChunkShift) | _chunkUsed;
            _chunkUsed += size;
            return b;
        }
    }

    private void FreeBlock(int block, int cls)
    {
        lock (_lock) FreeBlockLocked(block, cls);
    }

    // The first 4 bytes of a free block link to the next free block of its class.
    private void FreeBlockLocked(int block, int cls)
    {
        BitConverter.TryWriteBytes(Block(block, 4), _freeBlock[cls]);
        _freeBlock[cls] = block;
    }
}
