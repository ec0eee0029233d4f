using Tachyon.Core.Numerics;
using Tachyon.Core.Rlp;
using RlpCodec = Tachyon.Core.Rlp.Rlp;

namespace Tachyon.Core.Types;

/// <summary>
/// An account as the state trie stores it (Yellow Paper §4.1): rlp([nonce, balance, storageRoot, codeHash]).
/// </summary>
public readonly record struct TrieAccount(ulong Nonce, UInt256 Balance, Hash256 StorageRoot, Hash256 CodeHash)
{
    /// <summary>No nonce, no balance, empty storage, no code.</summary>
    public static readonly TrieAccount Empty = new(0, UInt256.Zero, Hash256.EmptyTrieRoot, Hash256.EmptyKeccak);

    /// <summary>EIP-161 emptiness: zero nonce, zero balance and no code (storage is not considered).</summary>
    public bool IsEmpty => Nonce == 0 && Balance.IsZero && CodeHash == Hash256.EmptyKeccak;

    private int ContentLength => RlpCodec.LengthOf(Nonce) + RlpCodec.LengthOf(Balance) + 33 + 33;

    public int RlpLength => RlpCodec.LengthOfList(ContentLength);

    public void WriteTo(ref RlpWriter writer)
    {
        writer.WriteListHeader(ContentLength);
        writer.WriteUInt64(Nonce);
        writer.WriteUInt256(Balance);
        writer.WriteHash(StorageRoot);
        writer.WriteHash(CodeHash);
    }

    public byte[] Encode()
    {
        var output = new byte[RlpLength];
        var writer = new RlpWriter(output);
        WriteTo(ref writer);
        return output;
    }

    /// <summary>Decodes exactly one account, rejecting non-canonical integers and trailing bytes.</summary>
    public static TrieAccount Decode(ReadOnlySpan<byte> rlp)
    {
        var reader = new RlpReader(rlp);
        RlpReader fields = reader.ReadList();
        reader.EnsureEnd();
        var account = new TrieAccount(fields.ReadUInt64(), fields.ReadUInt256(), fields.ReadHash(), fields.ReadHash());
        fields.EnsureEnd();
        return account;
    }
}
