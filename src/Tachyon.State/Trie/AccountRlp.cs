using Tachyon.Core.Numerics;
using Tachyon.Core.Rlp;
using Tachyon.Core.Types;

namespace Tachyon.State.Trie;

/// <summary>
/// The account leaf value of the state trie: RLP([nonce, balance, storageRoot, codeHash]).
/// Kept local to the state trie; swap for the Tachyon.Core.Blocks account codec once it lands.
/// </summary>
internal static class AccountRlp
{
    public static byte[] Encode(in AccountState a)
    {
        int content = Rlp.LengthOf(a.Nonce) + Rlp.LengthOf(a.Balance) + 33 + 33;
        var buf = new byte[Rlp.LengthOfList(content)];
        var w = new RlpWriter(buf);
        w.WriteListHeader(content);
        w.WriteUInt64(a.Nonce);
        w.WriteUInt256(a.Balance);
        w.WriteHash(a.StorageRoot);
        w.WriteHash(a.CodeHash);
        return buf;
    }

    public static AccountState Decode(ReadOnlySpan<byte> rlp)
    {
        var r = new RlpReader(rlp);
        var l = r.ReadList();
        ulong nonce = l.ReadUInt64();
        UInt256 balance = l.ReadUInt256();
        Hash256 storageRoot = l.ReadHash();
        Hash256 codeHash = l.ReadHash();
        return new AccountState(nonce, balance, codeHash, storageRoot);
    }

    /// <summary>Storage leaf value: RLP of the value without leading zeros.</summary>
    public static byte[] EncodeStorage(in UInt256 value)
    {
        var buf = new byte[Rlp.LengthOf(value)];
        new RlpWriter(buf).WriteUInt256(value);
        return buf;
    }
}
