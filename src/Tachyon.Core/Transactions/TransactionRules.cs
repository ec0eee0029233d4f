namespace Tachyon.Core.Transactions;

/// <summary>The stateless rules a transaction is validated against.</summary>
/// <param name="ChainId">The chain's id; EIP-155 and typed transactions must carry it.</param>
/// <param name="IsPrague">Prague rules (EIP-7702 type 4, EIP-7623 floor) instead of Cancun's.</param>
public sealed record TransactionRules(ulong ChainId, bool IsPrague)
{
    /// <summary>
    /// Whether EIP-4844 blob transactions are accepted. False on this L2 (it has no blob
    /// market); true only to check Ethereum L1 conformance fixtures.
    /// </summary>
    public bool AllowBlobTransactions { get; init; }

    /// <summary>EIP-4844 blob limit per transaction, as the block limit: 6 in Cancun, 9 in Prague (EIP-7691).</summary>
    public int MaxBlobsPerTransaction => IsPrague ? 9 : 6;
}
