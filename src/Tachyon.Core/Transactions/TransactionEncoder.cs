using System.Buffers;
using Tachyon.Core.Crypto;
using Tachyon.Core.Rlp;
using Tachyon.Core.Types;
using RlpSize = Tachyon.Core.Rlp.Rlp;

namespace Tachyon.Core.Transactions;

/// <summary>
/// Encodes transactions. The canonical form (what <see cref="Transaction.Hash"/> hashes and what
/// eth_sendRawTransaction carries) is the RLP list for legacy transactions and type byte || RLP
/// payload for typed ones. Inside a block body a typed transaction is additionally wrapped as an
/// RLP byte string (<see cref="EncodeForBlockBody(Transaction, Span{byte})"/>).
/// </summary>
public static class TransactionEncoder
{
    private const int StackLimit = 1024;

    /// <summary>Length of the canonical encoding.</summary>
    public static int GetLength(Transaction tx)
    {
        int list = RlpSize.LengthOfList(ContentLength(tx, signed: true));
        return tx.Type == TransactionType.Legacy ? list : 1 + list;
    }

    /// <summary>The canonical encoding in a new array.</summary>
    public static byte[] Encode(Transaction tx)
    {
        var output = new byte[GetLength(tx)];
        Encode(tx, output);
        return output;
    }

    /// <summary>Writes the canonical encoding and returns its length.</summary>
    public static int Encode(Transaction tx, Span<byte> destination) => Write(tx, destination, signed: true);

    /// <summary>Length of the block-body item: legacy as is, typed wrapped in an RLP string header.</summary>
    public static int GetBlockBodyLength(Transaction tx)
    {
        int n = GetLength(tx);
        return tx.Type == TransactionType.Legacy ? n : RlpSize.LengthOfHeader(n) + n;
    }

    /// <summary>Writes the block-body item form and returns its length.</summary>
    public static int EncodeForBlockBody(Transaction tx, Span<byte> destination)
    {
        if (tx.Type == TransactionType.Legacy) return Encode(tx, destination);
        int n = GetLength(tx);
        int header = WriteStringHeader(destination, n);
        return header + Encode(tx, destination[header..]);
    }

    /// <summary>Appends the block-body item form to an RLP writer (via a pooled scratch buffer).</summary>
    public static void EncodeForBlockBody(Transaction tx, ref RlpWriter writer)
    {
        int n = GetBlockBodyLength(tx);
        byte[] scratch = ArrayPool<byte>.Shared.Rent(n);
        try
        {
            EncodeForBlockBody(tx, scratch);
            writer.WriteRaw(scratch.AsSpan(0, n));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    /// <summary>keccak256 of the canonical encoding.</summary>
    public static Hash256 ComputeHash(Transaction tx) => HashOf(tx, signed: true);

    /// <summary>
    /// The hash the sender signs. Legacy without chain id: keccak(rlp([nonce, gasPrice, gas, to,
    /// value, data])); EIP-155: the same list plus [chainId, 0, 0]; typed: keccak(type || rlp(payload
    /// without y_parity, r, s)).
    /// </summary>
    public static Hash256 SigningHash(Transaction tx) => HashOf(tx, signed: false);

    private static Hash256 HashOf(Transaction tx, bool signed)
    {
        int content = ContentLength(tx, signed);
        int total = RlpSize.LengthOfList(content) + (tx.Type == TransactionType.Legacy ? 0 : 1);
        byte[]? rented = null;
        Span<byte> buffer = total <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(total));
        try
        {
            int written = Write(tx, buffer, signed);
            return Keccak256.Compute(buffer[..written]);
        }
        finally
        {
            if (rented != null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static int Write(Transaction tx, Span<byte> destination, bool signed)
    {
        int content = ContentLength(tx, signed);
        int offset = 0;
        if (tx.Type != TransactionType.Legacy) destination[offset++] = (byte)tx.Type;
        var w = new RlpWriter(destination[offset..]);
        w.WriteListHeader(content);
        WriteFields(ref w, tx, signed);
        return offset + w.Position;
    }

    // ContentLength and WriteFields must list the same fields in the same order. Lists are walked
    // by index: foreach over IReadOnlyList would allocate an enumerator.
    private static int ContentLength(Transaction tx, bool signed)
    {
        int len;
        if (tx.Type == TransactionType.Legacy)
        {
            len = RlpSize.LengthOf(tx.Nonce) + RlpSize.LengthOf(tx.GasPrice) + RlpSize.LengthOf(tx.GasLimit)
                + ToLength(tx) + RlpSize.LengthOf(tx.Value) + RlpSize.LengthOf(tx.Data.Span);
            if (signed) len += SignatureLength(tx);
            else if (tx.ChainId is ulong chainId) len += RlpSize.LengthOf(chainId) + 2; // chainId, 0, 0
            return len;
        }

        len = RlpSize.LengthOf(TypedChainId(tx)) + RlpSize.LengthOf(tx.Nonce);
        len += tx.Type == TransactionType.AccessList
            ? RlpSize.LengthOf(tx.GasPrice)
            : RlpSize.LengthOf(tx.MaxPriorityFeePerGas) + RlpSize.LengthOf(tx.MaxFeePerGas);
        len += RlpSize.LengthOf(tx.GasLimit) + ToLength(tx) + RlpSize.LengthOf(tx.Value) + RlpSize.LengthOf(tx.Data.Span);
        len += RlpSize.LengthOfList(AccessListContentLength(tx.AccessList));
        if (tx.Type == TransactionType.Blob)
            len += RlpSize.LengthOf(tx.MaxFeePerBlobGas) + RlpSize.LengthOfList(33 * tx.BlobVersionedHashes.Count);
        if (tx.Type == TransactionType.SetCode)
            len += RlpSize.LengthOfList(AuthorizationListContentLength(tx.AuthorizationList));
        if (signed) len += SignatureLength(tx);
        return len;
    }

    private static void WriteFields(ref RlpWriter w, Transaction tx, bool signed)
    {
        if (tx.Type == TransactionType.Legacy)
        {
            w.WriteUInt64(tx.Nonce);
            w.WriteUInt256(tx.GasPrice);
            w.WriteUInt64(tx.GasLimit);
            WriteTo(ref w, tx);
            w.WriteUInt256(tx.Value);
            w.WriteBytes(tx.Data.Span);
            if (signed) WriteSignature(ref w, tx);
            else if (tx.ChainId is ulong chainId)
            {
                w.WriteUInt64(chainId);
                w.WriteUInt64(0);
                w.WriteUInt64(0);
            }
            return;
        }

        w.WriteUInt64(TypedChainId(tx));
        w.WriteUInt64(tx.Nonce);
        if (tx.Type == TransactionType.AccessList)
        {
            w.WriteUInt256(tx.GasPrice);
        }
        else
        {
            w.WriteUInt256(tx.MaxPriorityFeePerGas);
            w.WriteUInt256(tx.MaxFeePerGas);
        }
        w.WriteUInt64(tx.GasLimit);
        WriteTo(ref w, tx);
        w.WriteUInt256(tx.Value);
        w.WriteBytes(tx.Data.Span);
        WriteAccessList(ref w, tx.AccessList);
        if (tx.Type == TransactionType.Blob)
        {
            w.WriteUInt256(tx.MaxFeePerBlobGas);
            w.WriteListHeader(33 * tx.BlobVersionedHashes.Count);
            for (int i = 0; i < tx.BlobVersionedHashes.Count; i++) w.WriteHash(tx.BlobVersionedHashes[i]);
        }
        if (tx.Type == TransactionType.SetCode) WriteAuthorizationList(ref w, tx.AuthorizationList);
        if (signed) WriteSignature(ref w, tx);
    }

    private static ulong TypedChainId(Transaction tx) =>
        tx.ChainId ?? throw new InvalidOperationException($"a {tx.Type} transaction needs a chain id");

    private static int ToLength(Transaction tx) => tx.To is null ? 1 : 21;

    private static void WriteTo(ref RlpWriter w, Transaction tx)
    {
        if (tx.To is Address to) w.WriteAddress(to);
        else w.WriteBytes([]);
    }

    private static int SignatureLength(Transaction tx) =>
        RlpSize.LengthOf(tx.V) + RlpSize.LengthOf(tx.R) + RlpSize.LengthOf(tx.S);

    private static void WriteSignature(ref RlpWriter w, Transaction tx)
    {
        w.WriteUInt256(tx.V);
        w.WriteUInt256(tx.R);
        w.WriteUInt256(tx.S);
    }

    internal static int AccessListContentLength(IReadOnlyList<AccessListItem> list)
    {
        int len = 0;
        for (int i = 0; i < list.Count; i++)
            len += RlpSize.LengthOfList(21 + RlpSize.LengthOfList(33 * list[i].StorageKeys.Count));
        return len;
    }

    private static void WriteAccessList(ref RlpWriter w, IReadOnlyList<AccessListItem> list)
    {
        w.WriteListHeader(AccessListContentLength(list));
        for (int i = 0; i < list.Count; i++)
        {
            AccessListItem item = list[i];
            int keys = 33 * item.StorageKeys.Count;
            w.WriteListHeader(21 + RlpSize.LengthOfList(keys));
            w.WriteAddress(item.Address);
            w.WriteListHeader(keys);
            for (int k = 0; k < item.StorageKeys.Count; k++) w.WriteHash(item.StorageKeys[k]);
        }
    }

    internal static int AuthorizationContentLength(in AuthorizationTuple a) =>
        RlpSize.LengthOf(a.ChainId) + 21 + RlpSize.LengthOf(a.Nonce) + RlpSize.LengthOf((ulong)a.YParity)
        + RlpSize.LengthOf(a.R) + RlpSize.LengthOf(a.S);

    private static int AuthorizationListContentLength(IReadOnlyList<AuthorizationTuple> list)
    {
        int len = 0;
        for (int i = 0; i < list.Count; i++) len += RlpSize.LengthOfList(AuthorizationContentLength(list[i]));
        return len;
    }

    private static void WriteAuthorizationList(ref RlpWriter w, IReadOnlyList<AuthorizationTuple> list)
    {
        w.WriteListHeader(AuthorizationListContentLength(list));
        for (int i = 0; i < list.Count; i++)
        {
            AuthorizationTuple a = list[i];
            w.WriteListHeader(AuthorizationContentLength(a));
            w.WriteUInt256(a.ChainId);
            w.WriteAddress(a.Address);
            w.WriteUInt64(a.Nonce);
            w.WriteUInt64(a.YParity);
            w.WriteUInt256(a.R);
            w.WriteUInt256(a.S);
        }
    }

    private static int WriteStringHeader(Span<byte> destination, int length)
    {
        if (length < 56)
        {
            destination[0] = (byte)(0x80 + length);
            return 1;
        }
        int lol = RlpSize.LengthOfLength(length);
        destination[0] = (byte)(0xB7 + lol);
        for (int i = 0; i < lol; i++) destination[1 + i] = (byte)(length >> (8 * (lol - 1 - i)));
        return 1 + lol;
    }
}
