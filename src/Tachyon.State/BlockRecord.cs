using Tachyon.Core.Types;

namespace Tachyon.State;

/// <summary>A header's RLP and its hash (keccak of that RLP).</summary>
public readonly record struct EncodedHeader(byte[] Rlp, Hash256 Hash);

/// <summary>
/// The chain data stored with a block's state, already encoded (RLP header, body and receipts).
/// The header may be deferred: a header holds the state root, which the root stage computes after
/// <see cref="LayeredState.Commit"/>; the root stage then calls the builder (in block order, before
/// the layer's RootTask completes) and the writer stores the finished header.
/// </summary>
public sealed class BlockRecord
{
    private readonly Func<Hash256, EncodedHeader>? _buildHeader;
    private volatile byte[]? _header;
    private Hash256 _hash;

    /// <summary>A block whose header is already final.</summary>
    public BlockRecord(ulong number, Hash256 hash, byte[] header, byte[] body, byte[] receipts, IReadOnlyList<Hash256> transactionHashes)
        : this(number, body, receipts, transactionHashes)
    {
        ArgumentNullException.ThrowIfNull(header);
        _hash = hash;
        _header = header;
    }

    /// <summary>A block whose header is built from the state root once the root stage knows it.</summary>
    public BlockRecord(ulong number, Func<Hash256, EncodedHeader> buildHeader, byte[] body, byte[] receipts, IReadOnlyList<Hash256> transactionHashes)
        : this(number, body, receipts, transactionHashes)
    {
        _buildHeader = buildHeader ?? throw new ArgumentNullException(nameof(buildHeader));
    }

    private BlockRecord(ulong number, byte[] body, byte[] receipts, IReadOnlyList<Hash256> transactionHashes)
    {
        Number = number;
        Body = body ?? throw new ArgumentNullException(nameof(body));
        Receipts = receipts ?? throw new ArgumentNullException(nameof(receipts));
        TransactionHashes = transactionHashes ?? throw new ArgumentNullException(nameof(transactionHashes));
    }

    public ulong Number { get; }
    public byte[] Body { get; }
    public byte[] Receipts { get; }
    public IReadOnlyList<Hash256> TransactionHashes { get; }

    /// <summary>The header RLP; null while a deferred header waits for its state root.</summary>
    public byte[]? Header => _header;

    public bool HasHeader => _header != null;

    /// <summary>The block hash; throws while a deferred header is not built yet.</summary>
    public Hash256 Hash => _header != null ? _hash : throw new InvalidOperationException($"block {Number}: header not built yet");

    /// <summary>Root stage: builds a deferred header (no-op for a final one).</summary>
    internal void FinishHeader(in Hash256 stateRoot)
    {
        if (_header != null) return;
        EncodedHeader h = _buildHeader!(stateRoot);
        _hash = h.Hash;
        _header = h.Rlp; // volatile write publishes the hash too
    }
}
