using Tachyon.Core.Types;

namespace Tachyon.State;

/// <summary>A header's RLP and its hash (keccak of that RLP).</summary>
public readonly record struct EncodedHeader(byte[] Rlp, Hash256 Hash);

/// <summary>What the root stage builds for a block whose header, body and receipts all wait for its state root.</summary>
/// <param name="Senders">The transactions' senders, 20 bytes each in order; null when not known (not stored then).</param>
public readonly record struct BuiltBlock(EncodedHeader Header, byte[] Body, byte[] Receipts, byte[]? Senders = null);

/// <summary>
/// The chain data stored with a block's state, encoded (RLP header, body and receipts).
/// The header may be deferred, or header, body and receipts together: a header holds the state
/// root, which the root stage computes after <see cref="LayeredState.Commit"/>; the root stage then
/// calls the builder (in block order, before the layer's RootTask completes) and the writer stores
/// what it built.
/// </summary>
public sealed class BlockRecord
{
    // Dropped once used: a builder's closure holds the whole block (every transaction and receipt),
    // which must not live on with the layer for the rest of the history window.
    private Func<Hash256, EncodedHeader>? _buildHeader;
    private Func<Hash256, BuiltBlock>? _buildBlock;
    private volatile byte[]? _header;
    private volatile byte[]? _body, _receipts, _senders;
    private volatile IReadOnlyList<Hash256> _transactionHashes;
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

    /// <summary>
    /// A block whose header, body and receipts are all built by the root stage (off the thread that
    /// commits it); only the transaction hashes are known up front.
    /// </summary>
    public BlockRecord(ulong number, Func<Hash256, BuiltBlock> buildBlock, IReadOnlyList<Hash256> transactionHashes)
    {
        Number = number;
        _buildBlock = buildBlock ?? throw new ArgumentNullException(nameof(buildBlock));
        _transactionHashes = transactionHashes ?? throw new ArgumentNullException(nameof(transactionHashes));
    }

    private BlockRecord(ulong number, byte[] body, byte[] receipts, IReadOnlyList<Hash256> transactionHashes)
    {
        Number = number;
        _body = body ?? throw new ArgumentNullException(nameof(body));
        _receipts = receipts ?? throw new ArgumentNullException(nameof(receipts));
        _transactionHashes = transactionHashes ?? throw new ArgumentNullException(nameof(transactionHashes));
    }

    public ulong Number { get; }

    /// <summary>The body RLP; null while a deferred build waits for the state root, and once stored (read it from the database).</summary>
    public byte[]? Body => _body;

    /// <summary>The receipts RLP; null while a deferred build waits for the state root, and once stored.</summary>
    public byte[]? Receipts => _receipts;

    /// <summary>The senders (20 bytes per transaction, in order), when the builder gave them; null once stored.</summary>
    public byte[]? Senders => _senders;

    /// <summary>The block's transaction hashes, in order; empty once <see cref="ReleaseStored"/> ran.</summary>
    public IReadOnlyList<Hash256> TransactionHashes => _transactionHashes;

    /// <summary>The header RLP; null while a deferred header waits for its state root.</summary>
    public byte[]? Header => _header;

    public bool HasHeader => _header != null;

    /// <summary>The block hash; throws while a deferred header is not built yet.</summary>
    public Hash256 Hash => _header != null ? _hash : throw new InvalidOperationException($"block {Number}: header not built yet");

    /// <summary>
    /// Writer, once the block is stored: readers get body, receipts and transaction locations from
    /// the database from now on, so the layer stops holding them for the rest of the history window
    /// (they were most of what each transaction left on the heap; the header stays).
    /// </summary>
    internal void ReleaseStored()
    {
        _body = null;
        _receipts = null;
        _senders = null;
        _transactionHashes = [];
    }

    /// <summary>Root stage: builds what was deferred (no-op for a final header).</summary>
    internal void Finish(in Hash256 stateRoot)
    {
        if (_header != null) return;
        if (_buildBlock != null)
        {
            BuiltBlock b = _buildBlock(stateRoot);
            _buildBlock = null;
            _body = b.Body;
            _receipts = b.Receipts;
            _senders = b.Senders;
            _hash = b.Header.Hash;
            _header = b.Header.Rlp; // published last: a header means body and receipts are there too
            return;
        }
        EncodedHeader h = _buildHeader!(stateRoot);
        _buildHeader = null;
        _hash = h.Hash;
        _header = h.Rlp; // volatile write publishes the hash too
    }
}
