using Tachyon.Core.Numerics;
using Tachyon.Core.Rlp;
using Tachyon.Core.Types;

namespace Tachyon.State.Trie;

/// <summary>Leaf values of the state and storage tries.</summary>
internal static class AccountRlp
{
    /// <summary>The longest account encoding: list header, 8-byte nonce, 32-byte balance, two hashes.</summary>
    public const int MaxLength = 3 + 9 + 33 + 33 + 33;

    /// <summary>Encodes into <paramref name="dst"/> (at least <see cref="MaxLength"/> bytes); returns the length.</summary>
    public static int Encode(in AccountState a, Span<byte> dst)
    {
        var writer = new RlpWriter(dst);
        a.ToTrieAccount().WriteTo(ref writer);
        return writer.Written.Length;
    }

    public static AccountState Decode(ReadOnlySpan<byte> rlp) => AccountState.From(TrieAccount.Decode(rlp));

    /// <summary>Storage leaf value: RLP of the value without leading zeros.</summary>
    public static byte[] EncodeStorage(in UInt256 value)
    {
        var buf = new byte[Rlp.LengthOf(value)];
        new RlpWriter(buf).WriteUInt256(value);
        return buf;
    }

    /// <summary>The longest storage leaf value: a string header and 32 bytes.</summary>
    public const int MaxStorageLength = 33;

    /// <summary>Storage leaf value into <paramref name="dst"/>; returns the length.</summary>
    public static int EncodeStorage(in UInt256 value, Span<byte> dst)
    {
        var writer = new RlpWriter(dst);
        writer.WriteUInt256(value);
        return writer.Written.Length;
    }
}
