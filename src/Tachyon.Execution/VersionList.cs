using Tachyon.Core.Numerics;
using Tachyon.Evm.State;

namespace Tachyon.Execution;

internal enum EntryKind : byte
{
    /// <summary>A full value: the account write (Account / StorageClear) or the slot value.</summary>
    Full,
    /// <summary>A lazy credit: <see cref="VersionEntry.Value"/> is added to the account's balance.</summary>
    Delta,
    /// <summary>The writer was aborted; it will probably write here again, so readers wait for it.</summary>
    Estimate,
}

internal struct VersionEntry
{
    public int Tx;
    public int Incarnation;
    public EntryKind Kind;
    public UInt256 Value;
    public AccountWrite? Account;
}

/// <summary>Where a read was served from, and whether it has to wait for a lower transaction.</summary>
internal struct ReadResult
{
    /// <summary>-1 when served; otherwise the transaction whose ESTIMATE was hit.</summary>
    public int BlockingTx;
    /// <summary>The writer of the full value, -1 for the pre-state.</summary>
    public int Tx;
    public int Incarnation;
    public bool HasDelta;
    /// <summary>Sum of the lazy credits above the full value (account locations).</summary>
    public UInt256 Delta;
    public UInt256 Value;
    public AccountWrite? Account;

    /// <summary>Served from the pre-state, no credits, nothing to wait for.</summary>
    public static ReadResult PreState => new() { BlockingTx = -1, Tx = -1 };
}

/// <summary>
/// The versions of one location, sorted by transaction index. Guarded by its own lock: a location is
/// written by one transaction at a time in practice, and reads are short scans from the top.
/// </summary>
internal sealed class VersionList
{
    private VersionEntry[] _items = new VersionEntry[2];
    private int _count;
    // Entries that are not credits (full values and estimates): with none, a read that ignores credits is O(1).
    private int _solid;

    /// <summary>The location (set before the list is published in its <see cref="LocationTable"/> bucket).</summary>
    public StateLocation Key;
    /// <summary>Next list in the same bucket; fixed once published.</summary>
    public VersionList? Next;

    public int Count => _count;

    /// <summary>Back to empty for the next block (no concurrent access).</summary>
    public void Reset()
    {
        Array.Clear(_items, 0, _count);
        _count = 0;
        _solid = 0;
        Key = default;
        Next = null;
    }

    /// <summary>Inserts or replaces the entry of <paramref name="e"/>.Tx.</summary>
    public void Set(in VersionEntry e)
    {
        lock (this)
        {
            int i = Find(e.Tx);
            if (e.Kind != EntryKind.Delta) _solid++;
            if (i >= 0)
            {
                if (_items[i].Kind != EntryKind.Delta) _solid--;
                _items[i] = e;
                return;
            }
            i = ~i;
            if (_count == _items.Length) Array.Resize(ref _items, _count * 2);
            if (i < _count) Array.Copy(_items, i, _items, i + 1, _count - i);
            _items[i] = e;
            _count++;
        }
    }

    public void Remove(int tx)
    {
        lock (this)
        {
            int i = Find(tx);
            if (i < 0) return;
            if (_items[i].Kind != EntryKind.Delta) _solid--;
            _count--;
            if (i < _count) Array.Copy(_items, i + 1, _items, i, _count - i);
            _items[_count] = default;
        }
    }

    public void MarkEstimate(int tx)
    {
        lock (this)
        {
            int i = Find(tx);
            if (i < 0) return;
            if (_items[i].Kind == EntryKind.Delta) _solid++;
            _items[i].Kind = EntryKind.Estimate;
        }
    }

    /// <summary>
    /// The value as seen by transaction <paramref name="tx"/>: the highest lower full write plus the
    /// credits above it. Result.Tx is -1 when the pre-state is to be used (plus any credits).
    /// </summary>
    public void Read(int tx, out ReadResult r)
    {
        r = ReadResult.PreState;
        lock (this)
        {
            int i = Find(tx);
            i = i >= 0 ? i - 1 : ~i - 1;
            for (; i >= 0; i--)
            {
                ref VersionEntry e = ref _items[i];
                switch (e.Kind)
                {
                    case EntryKind.Estimate:
                        r.BlockingTx = e.Tx;
                        return;
                    case EntryKind.Delta:
                        r.HasDelta = true;
                        r.Delta = r.Delta + e.Value;
                        continue;
                    default:
                        r.Tx = e.Tx;
                        r.Incarnation = e.Incarnation;
                        r.Value = e.Value;
                        r.Account = e.Account;
                        return;
                }
            }
        }
    }

    /// <summary>
    /// Like <see cref="Read"/> but ignoring credits (a read of the code hash, which credits never
    /// change): the highest lower full write or estimate. O(1) on a list of credits only, the usual
    /// shape of a hot recipient's or the coinbase's list.
    /// </summary>
    public void ReadIgnoringCredits(int tx, out ReadResult r)
    {
        r = ReadResult.PreState;
        lock (this)
        {
            if (_solid == 0) return;
            int i = Find(tx);
            i = i >= 0 ? i - 1 : ~i - 1;
            for (; i >= 0; i--)
            {
                ref VersionEntry e = ref _items[i];
                if (e.Kind == EntryKind.Delta) continue;
                if (e.Kind == EntryKind.Estimate)
                {
                    r.BlockingTx = e.Tx;
                    return;
                }
                r.Tx = e.Tx;
                r.Incarnation = e.Incarnation;
                r.Value = e.Value;
                r.Account = e.Account;
                return;
            }
        }
    }

    private int Find(int tx)
    {
        // Writers mostly arrive in ascending order: check the top first.
        if (_count == 0 || _items[_count - 1].Tx < tx) return ~_count;
        int lo = 0, hi = _count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >> 1;
            int t = _items[mid].Tx;
            if (t == tx) return mid;
            if (t < tx) lo = mid + 1; else hi = mid - 1;
        }
        return ~lo;
    }
}
