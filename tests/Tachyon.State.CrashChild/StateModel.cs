using Tachyon.Core.Numerics;
using Tachyon.Core.Types;

namespace Tachyon.State.CrashChild;

/// <summary>Plain dictionaries with the semantics of <see cref="BlockStateDiff"/>: the test oracle.</summary>
public sealed class StateModel
{
    public readonly Dictionary<Address, AccountState> Accounts = new();
    public readonly Dictionary<Address, Dictionary<UInt256, UInt256>> Storage = new();
    public readonly Dictionary<Hash256, byte[]> Code = new();

    public void Apply(BlockStateDiff diff)
    {
        foreach (var a in diff.WipedStorage) Storage.Remove(a);
        foreach (var (a, acc) in diff.Accounts)
        {
            if (acc is { } v) Accounts[a] = v;
            else Accounts.Remove(a);
        }
        foreach (var (k, v) in diff.Storage)
        {
            if (!Storage.TryGetValue(k.Address, out var s)) Storage[k.Address] = s = new();
            if (v.IsZero) s.Remove(k.Slot);
            else s[k.Slot] = v;
        }
        foreach (var (h, c) in diff.Code) Code[h] = c;
        // Storage only lives under existing accounts (the workload re-creates a contract before writing).
        foreach (var a in Storage.Keys.Where(a => Storage[a].Count == 0).ToList()) Storage.Remove(a);
    }
}
