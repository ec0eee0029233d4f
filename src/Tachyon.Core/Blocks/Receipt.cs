using System.Runtime.CompilerServices;
using Tachyon.Core.Rlp;
using RlpCodec = Tachyon.Core.Rlp.Rlp;

namespace Tachyon.Core.Blocks;

/// <summary>
/// A post-Byzantium transaction receipt (EIP-658 status). Consensus encoding (the receipts-trie
/// value, EIP-2718): legacy receipts are rlp([status, cumulativeGasUsed, bloom, logs]); typed
/// receipts are type || that same list.
/// </summary>
public sealed class Receipt
{
    private static readonly Bloom EmptyBloom = default;

    // Null for an all-zero bloom (every log-less receipt, e.g. a plain transfer): 256 inline bytes per
    // receipt were a third of what each transaction left on the heap for the node's recent-block window.
    private readonly StrongBox<Bloom>? _bloom;

    /// <summary>The transaction's EIP-2718 type (0 for legacy).</summary>
    public byte TxType { get; init; }

    /// <summary>EIP-658 status: true when execution succeeded (encoded 1), false when it reverted or failed (encoded 0).</summary>
    public bool Success { get; init; }

    public ulong CumulativeGasUsed { get; init; }

    public Bloom Bloom
    {
        get => _bloom is { } box ? box.Value : default;
        init => _bloom = value.IsZero ? null : new StrongBox<Bloom>(value);
    }

    public IReadOnlyList<Log> Logs { get; init; } = [];

    /// <summary>Builds a receipt whose bloom is computed from <paramref name="logs"/>.</summary>
    public static Receipt Create(byte txType, bool success, ulong cumulativeGasUsed, IReadOnlyList<Log> logs)
    {
        CheckType(txType);
        return new Receipt
        {
            TxType = txType,
            Success = success,
            CumulativeGasUsed = cumulativeGasUsed,
            Bloom = Bloom.FromLogs(logs),
            Logs = logs,
        };
    }

    private int ContentLength =>
        1 + RlpCodec.LengthOf(CumulativeGasUsed) + Bloom.RlpLength + RlpCodec.LengthOfList(Log.ListContentLength(Logs));

    /// <summary>Length of the consensus encoding.</summary>
    public int EncodedLength => (TxType == 0 ? 0 : 1) + RlpCodec.LengthOfList(ContentLength);

    /// <summary>The consensus encoding: what the receipts trie stores.</summary>
    public byte[] Encode()
    {
        var output = new byte[EncodedLength];
        WriteEncoding(output);
        return output;
    }

    /// <summary>Writes the consensus encoding into <paramref name="destination"/> and returns its length (<see cref="EncodedLength"/>).</summary>
    public int Encode(Span<byte> destination)
    {
        int length = EncodedLength;
        WriteEncoding(destination[..length]);
        return length;
    }

    /// <summary>
    /// Writes the receipt as an item of an RLP list of receipts (network/storage form): a legacy
    /// receipt is its list itself; a typed receipt is an RLP byte string wrapping type || list.
    /// </summary>
    public void WriteTo(ref RlpWriter writer)
    {
        if (TxType == 0)
        {
            WriteList(ref writer);
            return;
        }
        CheckType(TxType);
        writer.WriteStringHeader(EncodedLength); // at least a type byte and a list header: never a lone byte
        writer.WriteRawByte(TxType);
        WriteList(ref writer);
    }

    /// <summary>Length of the item <see cref="WriteTo"/> writes.</summary>
    public int RlpLength => TxType == 0 ? EncodedLength : RlpCodec.LengthOfList(EncodedLength);

    /// <summary>Decodes the consensus encoding (see <see cref="Encode"/>).</summary>
    public static Receipt Decode(ReadOnlySpan<byte> encoded)
    {
        if (encoded.IsEmpty) throw new RlpException("empty receipt encoding");
        byte type = 0;
        if (encoded[0] < 0xC0)
        {
            type = encoded[0];
            if (type == 0 || type > 0x7F)
                throw new RlpException($"receipt must start with a list (legacy) or a type byte in 0x01..0x7f, got 0x{type:x2}");
            encoded = encoded[1..];
        }
        var reader = new RlpReader(encoded);
        Receipt receipt = ReadList(ref reader, type);
        reader.EnsureEnd();
        return receipt;
    }

    /// <summary>Reads one item written by <see cref="WriteTo"/>.</summary>
    public static Receipt ReadFrom(ref RlpReader reader)
    {
        if (reader.PeekIsList) return ReadList(ref reader, 0);
        ReadOnlySpan<byte> typed = reader.ReadBytes();
        if (typed.IsEmpty || typed[0] >= 0xC0)
            throw new RlpException("typed receipt item must wrap type || rlp(list); legacy receipts are not wrapped");
        return Decode(typed);
    }

    private void WriteEncoding(Span<byte> output)
    {
        int offset = 0;
        if (TxType != 0)
        {
            CheckType(TxType);
            output[0] = TxType;
            offset = 1;
        }
        var writer = new RlpWriter(output[offset..]);
        WriteList(ref writer);
    }

    private void WriteList(ref RlpWriter writer)
    {
        int logsContent = Log.ListContentLength(Logs);
        writer.WriteListHeader(ContentLength);
        writer.WriteUInt64(Success ? 1UL : 0UL);
        writer.WriteUInt64(CumulativeGasUsed);
        writer.WriteBytes(_bloom is { } box ? box.Value.Bytes : EmptyBloom.Bytes);
        Log.WriteList(ref writer, Logs, logsContent);
    }

    private static Receipt ReadList(ref RlpReader reader, byte type)
    {
        RlpReader fields = reader.ReadList();
        if (fields.PeekIsList) throw new RlpException("receipt status must be a byte string");
        ReadOnlySpan<byte> status = fields.ReadBytes();
        if (status.Length == 32)
            throw new RlpException("pre-Byzantium receipts (post-state root instead of status) are not supported");
        bool success = status.Length switch
        {
            0 => false,
            1 when status[0] == 1 => true,
            _ => throw new RlpException("receipt status must be empty (failure) or 0x01 (success)"),
        };
        ulong cumulativeGas = fields.ReadUInt64();
        ReadOnlySpan<byte> bloom = fields.ReadBytes();
        if (bloom.Length != Bloom.ByteLength) throw new RlpException($"receipt bloom must be 256 bytes, got {bloom.Length}");
        Log[] logs = Log.ReadList(ref fields);
        fields.EnsureEnd();
        return new Receipt
        {
            TxType = type,
            Success = success,
            CumulativeGasUsed = cumulativeGas,
            Bloom = new Bloom(bloom),
            Logs = logs,
        };
    }

    private static void CheckType(byte txType)
    {
        if (txType > 0x7F) throw new ArgumentOutOfRangeException(nameof(txType), txType, "EIP-2718 types are 0x00..0x7f");
    }
}
