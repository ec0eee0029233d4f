using Tachyon.Core.Numerics;
using Tachyon.Core.Types;
using Tachyon.State.Storage;

namespace Tachyon.State.Layers;

/// <summary>
/// The state at one block: walk the diff layers down from that block, then read the base. When
/// the base has already moved past the block, the first later layer that changed the key
/// holds (in its origins) the value the key had at this block.
/// </summary>
internal sealed class LayerView(LayeredState owner, DiffLayer? top, ulong number) : IStateView
{
    public ulong BlockNumber => number;

    public bool TryGetAccount(in Address address, out AccountState account)
    {
        for (var l = top; l != null; l = l.Parent)
            if (l.TryGetAccount(address, out var a)) return Result(a, out account);
        var db = owner.Db;
        bool found = db.TryGet(db.AccountsCf, address.Bytes, FlatEncoding.DecodeAccount, out account);
        foreach (var l in owner.LayersAfter(number))
            if (l.TryGetOriginAccount(address, out var o)) return Result(o, out account);
        return found;
    }

    private static bool Result(AccountState? a, out AccountState account)
    {
        account = a.GetValueOrDefault();
        return a.HasValue;
    }

    public UInt256 GetStorage(in Address address, in UInt256 slot)
    {
        var key = new StorageKey(address, slot);
        for (var l = top; l != null; l = l.Parent)
            if (l.TryGetStorage(key, out var v)) return v;
        var db = owner.Db;
        Span<byte> k = stackalloc byte[FlatEncoding.StorageKeySize];
        FlatEncoding.StorageKey(address, slot, k);
        db.TryGet(db.StorageCf, k, UInt256.FromBigEndian, out UInt256 value);
        foreach (var l in owner.LayersAfter(number))
            if (l.TryGetOriginStorage(key, out var o)) return o;
        return value;
    }

    public bool TryGetCode(in Hash256 codeHash, out byte[] code)
    {
        // Code is content-addressed and never deleted: no origin correction needed.
        for (var l = top; l != null; l = l.Parent)
            if (l.Code.TryGetValue(codeHash, out code!)) return true;
        code = owner.Db.Get(owner.Db.CodeCf, codeHash.Bytes)!;
        return code != null;
    }
}
