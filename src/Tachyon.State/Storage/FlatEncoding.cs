using System.Buffers.Binary;
using Tachyon.Core.Numerics;
using Tachyon.Core.Types;

namespace Tachyon.State.Storage;

/// <summary>
/// Compact encodings of the flat state (not RLP: it is read on every lookup, so it is kept
/// minimal). Account: flags, nonce (len+BE), balance (len+BE), then codeHash and storageRoot
/// only when not the empty defaults.
/// </summary>
internal static class FlatEncoding
{
    private const byte HasCode = 1, HasStorage = 2;

    public const int StorageKeySize = Address.Size + 32;
    public const int MaxAccountSize = 1 + 9 + 33 + 32 + 32;

    public static int EncodeAccount(in AccountState a, Span<byte> dst)
    {
        byte flags = 0;
        if (a.CodeHash != Hash256.EmptyKeccak) flags |= HasCode;
        if (a.StorageRoot != Hash256.EmptyTrieRoot) flags |= HasStorage;
        dst[0] = flags;
        int p = 1;
        UInt256 nonce = a.Nonce;
        dst[p] = (byte)nonce.WriteBigEndianMinimal(dst[(p + 1)..]);
        p += 1 + dst[p];
        dst[p] = (byte)a.Balance.WriteBigEndianMinimal(dst[(p + 1)..]);
        p += 1 + dst[p];
        if ((flags & HasCode) != 0) { a.CodeHash.Bytes.CopyTo(dst[p..]); p += 32; }
        if ((flags & HasStorage) != 0) { a.StorageRoot.Bytes.CopyTo(dst[p..]); p += 32; }
        return p;
    }

    public static byte[] EncodeAccount(in AccountState a)
    {
        Span<byte> buf = stackalloc byte[MaxAccountSize];
        return buf[..EncodeAccount(a, buf)].ToArray();
    }

    public static AccountState DecodeAccount(ReadOnlySpan<byte> src)
    {
        byte flags = src[0];
        int p = 1;
        int n = src[p++];
        ulong nonce = (ulong)UInt256.FromBigEndian(src.Slice(p, n));
        p += n;
        n = src[p++];
        UInt256 balance = UInt256.FromBigEndian(src.Slice(p, n));
        p += n;
        Hash256 code = Hash256.EmptyKeccak, storage = Hash256.EmptyTrieRoot;
        if ((flags & HasCode) != 0) { code = new Hash256(src.Slice(p, 32)); p += 32; }
        if ((flags & HasStorage) != 0) storage = new Hash256(src.Slice(p, 32));
        return new AccountState(nonce, balance, code, storage);
    }

    /// <summary>address(20) || slot(32 BE): sorts one account's slots together.</summary>
    public static void StorageKey(in Address address, in UInt256 slot, Span<byte> dst)
    {
        address.Bytes.CopyTo(dst);
        slot.WriteBigEndian(dst[Address.Size..]);
    }

    public static void BlockNumberKey(ulong number, Span<byte> dst) => BinaryPrimitives.WriteUInt64BigEndian(dst, number);
}
