using Tachyon.Core.Numerics;
using Tachyon.Core.Rlp;
using Tachyon.Core.Types;
using RlpCodec = Tachyon.Core.Rlp.Rlp;

namespace Tachyon.Core.Blocks;

public sealed partial class BlockHeader
{
    private const int NonceLength = 8;

    private int ContentLength
    {
        get
        {
            int length = 33 + 33 + 21 + 33 + 33 + 33 + Bloom.RlpLength
                + RlpCodec.LengthOf(Difficulty) + RlpCodec.LengthOf(Number) + RlpCodec.LengthOf(GasLimit)
                + RlpCodec.LengthOf(GasUsed) + RlpCodec.LengthOf(Timestamp) + RlpCodec.LengthOf(ExtraData.Span)
                + 33 + 1 + NonceLength;
            if (BaseFeePerGas is { } baseFee) length += RlpCodec.LengthOf(baseFee);
            if (WithdrawalsRoot.HasValue) length += 33;
            if (BlobGasUsed is { } blobGasUsed) length += RlpCodec.LengthOf(blobGasUsed);
            if (ExcessBlobGas is { } excessBlobGas) length += RlpCodec.LengthOf(excessBlobGas);
            if (ParentBeaconBlockRoot.HasValue) length += 33;
            if (RequestsHash.HasValue) length += 33;
            return length;
        }
    }

    public int RlpLength => RlpCodec.LengthOfList(ContentLength);

    public void WriteTo(ref RlpWriter writer)
    {
        Validate();
        writer.WriteListHeader(ContentLength);
        writer.WriteHash(ParentHash);
        writer.WriteHash(OmmersHash);
        writer.WriteAddress(Coinbase);
        writer.WriteHash(StateRoot);
        writer.WriteHash(TransactionsRoot);
        writer.WriteHash(ReceiptsRoot);
        writer.WriteBytes(_logsBloom.Bytes);
        writer.WriteUInt256(Difficulty);
        writer.WriteUInt64(Number);
        writer.WriteUInt64(GasLimit);
        writer.WriteUInt64(GasUsed);
        writer.WriteUInt64(Timestamp);
        writer.WriteBytes(ExtraData.Span);
        writer.WriteHash(MixHash);
        Span<byte> nonce = stackalloc byte[NonceLength];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(nonce, Nonce);
        writer.WriteBytes(nonce);
        if (BaseFeePerGas is { } baseFee) writer.WriteUInt256(baseFee);
        if (WithdrawalsRoot is { } withdrawalsRoot) writer.WriteHash(withdrawalsRoot);
        if (BlobGasUsed is { } blobGasUsed) writer.WriteUInt64(blobGasUsed);
        if (ExcessBlobGas is { } excessBlobGas) writer.WriteUInt64(excessBlobGas);
        if (ParentBeaconBlockRoot is { } beaconRoot) writer.WriteHash(beaconRoot);
        if (RequestsHash is { } requestsHash) writer.WriteHash(requestsHash);
    }

    public byte[] Encode()
    {
        var output = new byte[RlpLength];
        var writer = new RlpWriter(output);
        WriteTo(ref writer);
        return output;
    }

    /// <summary>Decodes exactly one header, rejecting trailing bytes.</summary>
    public static BlockHeader Decode(ReadOnlySpan<byte> rlp)
    {
        var reader = new RlpReader(rlp);
        BlockHeader header = ReadFrom(ref reader);
        reader.EnsureEnd();
        return header;
    }

    public static BlockHeader ReadFrom(ref RlpReader reader)
    {
        try
        {
            return ReadFields(ref reader);
        }
        catch (RlpException e)
        {
            // The reader's messages do not say which structure failed; name it.
            throw new RlpException($"invalid block header: {e.Message}");
        }
    }

    private static BlockHeader ReadFields(ref RlpReader reader)
    {
        RlpReader f = reader.ReadList();
        Hash256 parentHash = f.ReadHash();
        Hash256 ommersHash = f.ReadHash();
        Address coinbase = f.ReadAddress();
        Hash256 stateRoot = f.ReadHash();
        Hash256 transactionsRoot = f.ReadHash();
        Hash256 receiptsRoot = f.ReadHash();
        ReadOnlySpan<byte> bloom = f.ReadBytes();
        if (bloom.Length != Bloom.ByteLength) throw new RlpException($"logsBloom must be 256 bytes, got {bloom.Length}");
        UInt256 difficulty = f.ReadUInt256();
        ulong number = f.ReadUInt64();
        ulong gasLimit = f.ReadUInt64();
        ulong gasUsed = f.ReadUInt64();
        ulong timestamp = f.ReadUInt64();
        byte[] extraData = f.ReadBytes().ToArray();
        Hash256 mixHash = f.ReadHash();
        ReadOnlySpan<byte> nonce = f.ReadBytes();
        if (nonce.Length != NonceLength) throw new RlpException($"nonce must be 8 bytes, got {nonce.Length}");

        // Fork-dependent fields: whatever is present is a prefix of the list, so no gap can occur.
        UInt256? baseFee = f.HasMore ? f.ReadUInt256() : null;
        Hash256? withdrawalsRoot = f.HasMore ? f.ReadHash() : null;
        ulong? blobGasUsed = f.HasMore ? f.ReadUInt64() : null;
        ulong? excessBlobGas = f.HasMore ? f.ReadUInt64() : null;
        Hash256? beaconRoot = f.HasMore ? f.ReadHash() : null;
        Hash256? requestsHash = f.HasMore ? f.ReadHash() : null;
        if (f.HasMore) throw new RlpException($"more than {MaxFieldCount} fields");

        return new BlockHeader
        {
            ParentHash = parentHash,
            OmmersHash = ommersHash,
            Coinbase = coinbase,
            StateRoot = stateRoot,
            TransactionsRoot = transactionsRoot,
            ReceiptsRoot = receiptsRoot,
            LogsBloom = new Bloom(bloom),
            Difficulty = difficulty,
            Number = number,
            GasLimit = gasLimit,
            GasUsed = gasUsed,
            Timestamp = timestamp,
            ExtraData = extraData,
            MixHash = mixHash,
            Nonce = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(nonce),
            BaseFeePerGas = baseFee,
            WithdrawalsRoot = withdrawalsRoot,
            BlobGasUsed = blobGasUsed,
            ExcessBlobGas = excessBlobGas,
            ParentBeaconBlockRoot = beaconRoot,
            RequestsHash = requestsHash,
        };
    }
}
