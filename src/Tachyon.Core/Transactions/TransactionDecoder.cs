using System.Diagnostics.CodeAnalysis;
using Tachyon.Core.Crypto;
using Tachyon.Core.Numerics;
using Tachyon.Core.Rlp;
using Tachyon.Core.Types;

namespace Tachyon.Core.Transactions;

/// <summary>
/// Strict transaction decoding. Accepts exactly the canonical form (see <see cref="TransactionEncoder"/>):
/// a legacy RLP list, or a type byte 0x01-0x04 followed by an RLP list, with no trailing bytes,
/// the exact field count, canonical integers, and field widths (20-byte addresses, 32-byte keys,
/// nonce and gas below 2^64, amounts below 2^256). Blob transactions are decoded without the
/// network sidecar (blobs, commitments, proofs). The block-body form, where typed transactions
/// are RLP byte strings, is read by <see cref="DecodeBlockBodyItem"/>. Only format is checked
/// here; signatures, chain id and gas rules are <see cref="TransactionValidator"/>'s job.
/// </summary>
public static class TransactionDecoder
{
    /// <exception cref="TransactionFormatException">The bytes are not a valid encoding.</exception>
    public static Transaction Decode(ReadOnlySpan<byte> raw)
    {
        if (raw.IsEmpty) throw new TransactionFormatException("empty transaction encoding");
        byte first = raw[0];
        Transaction tx;
        if (first >= 0xC0)
        {
            tx = DecodePayload(TransactionType.Legacy, raw);
        }
        else if (first <= 0x7F)
        {
            if (first is 0 or > (byte)TransactionType.SetCode)
                throw new TransactionFormatException($"unknown transaction type 0x{first:x2}");
            tx = DecodePayload((TransactionType)first, raw[1..]);
        }
        else
        {
            throw new TransactionFormatException($"a transaction starts with a type byte (0x01-0x7f) or an RLP list, not 0x{first:x2}");
        }
        tx.SetHash(Keccak256.Compute(raw));
        return tx;
    }

    public static bool TryDecode(ReadOnlySpan<byte> raw, [NotNullWhen(true)] out Transaction? transaction, out string error)
    {
        try
        {
            transaction = Decode(raw);
            error = "";
            return true;
        }
        catch (TransactionFormatException e)
        {
            transaction = null;
            error = e.Message;
            return false;
        }
    }

    /// <summary>
    /// Decodes one item of a block body's transaction list: an RLP list (legacy) or an RLP byte
    /// string holding type || payload. <paramref name="item"/> is exactly that item.
    /// </summary>
    public static Transaction DecodeBlockBodyItem(ReadOnlySpan<byte> item)
    {
        if (item.IsEmpty) throw new TransactionFormatException("empty transaction item");
        if (item[0] >= 0xC0) return Decode(item);
        ReadOnlySpan<byte> inner;
        try
        {
            var reader = new RlpReader(item);
            inner = reader.ReadBytes();
            reader.EnsureEnd();
        }
        catch (RlpException e)
        {
            throw new TransactionFormatException("malformed block transaction item: " + e.Message);
        }
        if (inner.IsEmpty || inner[0] >= 0x80)
            throw new TransactionFormatException("a typed transaction in a block body must be a string holding type || payload");
        return Decode(inner);
    }

    private static Transaction DecodePayload(TransactionType type, ReadOnlySpan<byte> rlp)
    {
        string field = "payload";
        try
        {
            var outer = new RlpReader(rlp);
            if (!outer.PeekIsList) throw new TransactionFormatException($"{Name(type)} payload must be an RLP list");
            RlpReader list = outer.ReadList();
            if (outer.HasMore)
                throw new TransactionFormatException($"{outer.Remaining} trailing byte(s) after the {Name(type)} transaction");
            // A malformed item makes the count unknown (-1); reading then fails at that field, by name.
            int expected = FieldCount(type);
            int count = CountItems(list);
            if (count >= 0 && count != expected)
                throw new TransactionFormatException($"{Name(type)} transaction has {count} fields, expected {expected}");
            Transaction tx = type == TransactionType.Legacy ? ReadLegacy(ref list, ref field) : ReadTyped(type, ref list, ref field);
            if (list.HasMore) throw new TransactionFormatException($"{Name(type)} transaction has more than {expected} fields");
            return tx;
        }
        catch (RlpException e)
        {
            throw new TransactionFormatException($"{Name(type)} transaction, field '{field}': {e.Message}");
        }
    }

    private static Transaction ReadLegacy(ref RlpReader list, ref string field)
    {
        field = "nonce"; ulong nonce = list.ReadUInt64();
        field = "gasPrice"; UInt256 gasPrice = list.ReadUInt256();
        field = "gasLimit"; ulong gasLimit = list.ReadUInt64();
        field = "to"; Address? to = ReadTo(ref list, required: false);
        field = "value"; UInt256 value = list.ReadUInt256();
        field = "data"; byte[] data = list.ReadBytes().ToArray();
        field = "v"; UInt256 v = list.ReadUInt256();
        field = "r"; UInt256 r = list.ReadUInt256();
        field = "s"; UInt256 s = list.ReadUInt256();
        return new Transaction
        {
            Type = TransactionType.Legacy,
            ChainId = LegacyChainId(v),
            Nonce = nonce,
            GasPrice = gasPrice,
            GasLimit = gasLimit,
            To = to,
            Value = value,
            Data = data,
            V = v,
            R = r,
            S = s,
        };
    }

    private static Transaction ReadTyped(TransactionType type, ref RlpReader list, ref string field)
    {
        field = "chainId"; ulong chainId = ReadChainId(ref list);
        field = "nonce"; ulong nonce = list.ReadUInt64();
        UInt256 gasPrice = default, maxPriority = default, maxFee = default;
        if (type == TransactionType.AccessList)
        {
            field = "gasPrice"; gasPrice = list.ReadUInt256();
        }
        else
        {
            field = "maxPriorityFeePerGas"; maxPriority = list.ReadUInt256();
            field = "maxFeePerGas"; maxFee = list.ReadUInt256();
        }
        field = "gasLimit"; ulong gasLimit = list.ReadUInt64();
        field = "to"; Address? to = ReadTo(ref list, required: type is TransactionType.Blob or TransactionType.SetCode);
        field = "value"; UInt256 value = list.ReadUInt256();
        field = "data"; byte[] data = list.ReadBytes().ToArray();
        field = "accessList"; AccessListItem[] accessList = ReadAccessList(ref list);
        UInt256 maxFeePerBlobGas = default;
        Hash256[] blobHashes = [];
        AuthorizationTuple[] authorizations = [];
        if (type == TransactionType.Blob)
        {
            field = "maxFeePerBlobGas"; maxFeePerBlobGas = list.ReadUInt256();
            field = "blobVersionedHashes"; blobHashes = ReadHashes(ref list);
        }
        if (type == TransactionType.SetCode)
        {
            field = "authorizationList"; authorizations = ReadAuthorizations(ref list);
        }
        field = "yParity"; UInt256 yParity = list.ReadUInt256();
        field = "r"; UInt256 r = list.ReadUInt256();
        field = "s"; UInt256 s = list.ReadUInt256();
        return new Transaction
        {
            Type = type,
            ChainId = chainId,
            Nonce = nonce,
            GasPrice = gasPrice,
            MaxPriorityFeePerGas = maxPriority,
            MaxFeePerGas = maxFee,
            GasLimit = gasLimit,
            To = to,
            Value = value,
            Data = data,
            AccessList = accessList,
            MaxFeePerBlobGas = maxFeePerBlobGas,
            BlobVersionedHashes = blobHashes,
            AuthorizationList = authorizations,
            V = yParity,
            R = r,
            S = s,
        };
    }

    /// <summary>Chain id from a legacy v: null for 27/28 (no EIP-155) and for v values that imply none.</summary>
    internal static ulong? LegacyChainId(in UInt256 v)
    {
        if ((v.U2 | v.U3) != 0) return null;
        var v128 = new UInt128(v.U1, v.U0);
        if (v128 < 35) return null;
        UInt128 chainId = (v128 - 35) / 2;
        return chainId <= ulong.MaxValue ? (ulong)chainId : null;
    }

    // Chain ids are kept as 64-bit values: every real network's fits, and a larger one can only
    // belong to a transaction no chain accepts.
    private static ulong ReadChainId(ref RlpReader list)
    {
        UInt256 id = list.ReadUInt256();
        if (!id.IsUInt64) throw new RlpException("chain id above 2^64-1 is not supported");
        return id.U0;
    }

    private static Address? ReadTo(ref RlpReader list, bool required)
    {
        ReadOnlySpan<byte> b = list.ReadBytes();
        if (b.Length == Address.Size) return new Address(b);
        if (b.IsEmpty && !required) return null;
        if (b.IsEmpty) throw new RlpException("this transaction type cannot create contracts; 'to' must be a 20-byte address");
        throw new RlpException($"address must be 20 bytes{(required ? "" : " or empty")}, got {b.Length}");
    }

    private static AccessListItem[] ReadAccessList(ref RlpReader list)
    {
        RlpReader items = list.ReadList();
        var result = new List<AccessListItem>();
        while (items.HasMore)
        {
            RlpReader item = items.ReadList();
            Address address = item.ReadAddress();
            Hash256[] keys = ReadHashes(ref item);
            item.EnsureEnd();
            result.Add(new AccessListItem(address, keys));
        }
        return [.. result];
    }

    private static Hash256[] ReadHashes(ref RlpReader list)
    {
        RlpReader hashes = list.ReadList();
        if (!hashes.HasMore) return [];
        var result = new List<Hash256>();
        while (hashes.HasMore) result.Add(hashes.ReadHash());
        return [.. result];
    }

    private static AuthorizationTuple[] ReadAuthorizations(ref RlpReader list)
    {
        RlpReader items = list.ReadList();
        var result = new List<AuthorizationTuple>();
        while (items.HasMore)
        {
            RlpReader t = items.ReadList();
            int fields = CountItems(t);
            if (fields >= 0 && fields != 6) throw new RlpException($"authorization #{result.Count} has {fields} fields, expected 6");
            UInt256 chainId = t.ReadUInt256();
            Address address = t.ReadAddress();
            ulong nonce = t.ReadUInt64();
            ulong yParity = t.ReadUInt64();
            if (yParity > byte.MaxValue) throw new RlpException($"authorization #{result.Count}: y_parity {yParity} is above 2^8-1");
            UInt256 r = t.ReadUInt256();
            UInt256 s = t.ReadUInt256();
            t.EnsureEnd();
            result.Add(new AuthorizationTuple(chainId, address, nonce, (byte)yParity, r, s));
        }
        return [.. result];
    }

    // Takes the reader by value: counting does not consume the caller's items.
    private static int CountItems(RlpReader list)
    {
        int n = 0;
        try
        {
            while (list.HasMore)
            {
                list.Skip();
                n++;
            }
        }
        catch (RlpException)
        {
            return -1;
        }
        return n;
    }

    private static int FieldCount(TransactionType type) => type switch
    {
        TransactionType.Legacy => 9,
        TransactionType.AccessList => 11,
        TransactionType.DynamicFee => 12,
        TransactionType.Blob => 14,
        TransactionType.SetCode => 13,
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    private static string Name(TransactionType type) => type == TransactionType.Legacy ? "legacy" : $"type-{(int)type}";
}
