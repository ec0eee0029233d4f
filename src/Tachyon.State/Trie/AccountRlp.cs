using Tachyon.Core.Numerics;
using Tachyon.Core.Rlp;
using Tachyon.Core.Types;

namespace Tachyon.State.Trie;

/// <summary>Leaf values of the state and storage tries.</summary>
internal static class AccountRlp
{
    public static byte[] Encode(in AccountState a) => a.ToTrieAccount().Encode();

    public static AccountState Decode(ReadOnlySpan<byte> rlp) => AccountState.From(TrieAccount.Decode(rlp));

    /// <summary>Storage leaf value: RLP of the value without leading zeros.</summary>
    public static byte[] EncodeStorage(in UInt256 value)
    {
        var buf = new byte[Rlp.LengthOf(value)];
        new RlpWriter(buf).WriteUInt256(value);
        return buf;
    }
}
