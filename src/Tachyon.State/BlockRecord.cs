using Tachyon.Core.Types;

namespace Tachyon.State;

/// <summary>
/// The chain data stored with a block's state, already encoded (RLP header, body and receipts).
/// Typed overloads for Tachyon.Core.Blocks can wrap this once those types exist.
/// </summary>
public sealed record BlockRecord(
    ulong Number,
    Hash256 Hash,
    byte[] Header,
    byte[] Body,
    byte[] Receipts,
    IReadOnlyList<Hash256> TransactionHashes);
