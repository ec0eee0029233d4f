using Tachyon.Core.Crypto;
using Tachyon.Core.Numerics;
using Tachyon.Core.Types;
using Tachyon.Evm.State;
using Tachyon.Rpc.Backend;

namespace Tachyon.Sequencer.Backend;

/// <summary>eth_call state overrides over a state reader: balance, nonce, code, whole storage ("state") or patched slots ("stateDiff").</summary>
internal sealed class OverrideReader(IStateReader inner, IReadOnlyDictionary<Address, AccountOverride> overrides) : IStateReader
{
    public bool TryGetAccount(in Address address, out AccountData account)
    {
        bool exists = inner.TryGetAccount(address, out account);
        if (!overrides.TryGetValue(address, out AccountOverride? o)) return exists;
        account = new AccountData(
            o.Nonce ?? account.Nonce,
            o.Balance ?? account.Balance,
            o.Code is { } code ? (code.Length == 0 ? Hash256.EmptyKeccak : Keccak256.Compute(code.Span)) : exists ? account.CodeHash : Hash256.EmptyKeccak);
        return true;
    }

    public byte[] GetCode(in Address address, in Hash256 codeHash)
    {
        if (overrides.TryGetValue(address, out AccountOverride? o) && o.Code is { } code) return code.ToArray();
        return inner.GetCode(address, codeHash);
    }

    public UInt256 GetStorage(in Address address, in UInt256 slot)
    {
        if (overrides.TryGetValue(address, out AccountOverride? o))
        {
            Hash256 key = default;
            slot.WriteBigEndian(key.AsWritableSpan());
            if (o.State is { } all) return all.TryGetValue(key, out Hash256 v) ? UInt256.FromBigEndian(v.Bytes) : UInt256.Zero;
            if (o.StateDiff is { } diff && diff.TryGetValue(key, out Hash256 d)) return UInt256.FromBigEndian(d.Bytes);
        }
        return inner.GetStorage(address, slot);
    }

    public bool HasStorage(in Address address)
    {
        if (overrides.TryGetValue(address, out AccountOverride? o) && o.State is { } all)
        {
            foreach (var v in all.Values) if (!v.IsZero) return true;
            return false;
        }
        return inner.HasStorage(address);
    }
}
