using Tachyon.Core.Types;

namespace Tachyon.Rpc.Backend;

/// <summary>Why the pool refused a transaction. Each maps to a geth-compatible -32000 message.</summary>
public enum TxRejection : byte
{
    None,
    NonceTooLow,
    /// <summary>The nonce leaves a gap and the pool does not queue such transactions.</summary>
    NonceTooHigh,
    InsufficientFunds,
    IntrinsicGasTooLow,
    ReplacementUnderpriced,
    AlreadyKnown,
    InvalidSignature,
    WrongChainId,
    ExceedsBlockGasLimit,
    FeeCapBelowBaseFee,
    TipAboveFeeCap,
    Underpriced,
    Oversized,
    TypeNotSupported,
    PoolFull,
    /// <summary>Anything else; <see cref="SubmitResult.Detail"/> is the whole message.</summary>
    Other,
}

/// <summary>Outcome of handing a transaction to the pool/sequencer.</summary>
public sealed record SubmitResult
{
    public TxRejection Rejection { get; init; }

    public Hash256 Hash { get; init; }

    /// <summary>
    /// Accepted but not executable yet (a nonce gap): eth_sendRawTransaction still returns the hash;
    /// eth_sendRawTransactionSync answers code 5 (EIP-7966 "not ready").
    /// </summary>
    public bool Queued { get; init; }

    /// <summary>The account's next nonce, for nonce errors.</summary>
    public ulong? ExpectedNonce { get; init; }

    /// <summary>Extra text appended to the standard message ("have X, want Y").</summary>
    public string? Detail { get; init; }

    public bool Accepted => Rejection == TxRejection.None;

    public static SubmitResult Ok(Hash256 hash, bool queued = false) => new() { Hash = hash, Queued = queued };

    public static SubmitResult Reject(TxRejection reason, string? detail = null, ulong? expectedNonce = null) =>
        new() { Rejection = reason, Detail = detail, ExpectedNonce = expectedNonce };
}
