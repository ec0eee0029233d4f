using Tachyon.Core.Numerics;
using Tachyon.Core.Transactions;
using Tachyon.Core.Types;

namespace Tachyon.Rpc.Backend;

/// <summary>
/// The transaction-call object of eth_call, eth_estimateGas and eth_sendTransaction
/// (execution-apis GenericTransaction). Absent fields are null; the backend picks defaults.
/// </summary>
public sealed record CallRequest
{
    public TransactionType? Type { get; init; }
    public Address? From { get; init; }
    public Address? To { get; init; }
    public ulong? Gas { get; init; }
    public UInt256? GasPrice { get; init; }
    public UInt256? MaxFeePerGas { get; init; }
    public UInt256? MaxPriorityFeePerGas { get; init; }
    public UInt256? Value { get; init; }

    /// <summary>"input", or its older alias "data".</summary>
    public ReadOnlyMemory<byte>? Input { get; init; }

    public ulong? Nonce { get; init; }
    public ulong? ChainId { get; init; }
    public IReadOnlyList<AccessListItem>? AccessList { get; init; }
    public IReadOnlyList<AuthorizationTuple>? AuthorizationList { get; init; }
    public UInt256? MaxFeePerBlobGas { get; init; }
    public IReadOnlyList<Hash256>? BlobVersionedHashes { get; init; }
}

/// <summary>One account's entry in an eth_call state-override set.</summary>
public sealed record AccountOverride
{
    public UInt256? Balance { get; init; }
    public ulong? Nonce { get; init; }
    public ReadOnlyMemory<byte>? Code { get; init; }

    /// <summary>Replaces the whole storage ("state").</summary>
    public IReadOnlyDictionary<Hash256, Hash256>? State { get; init; }

    /// <summary>Patches individual slots ("stateDiff").</summary>
    public IReadOnlyDictionary<Hash256, Hash256>? StateDiff { get; init; }

    public Address? MovePrecompileToAddress { get; init; }
}

/// <summary>Outcome of eth_call / eth_estimateGas.</summary>
public enum CallStatus : byte
{
    Success,
    /// <summary>REVERT: <see cref="CallResult.ReturnData"/> holds the revert data.</summary>
    Reverted,
    /// <summary>Any other failure (out of gas, invalid opcode, insufficient funds...): <see cref="CallResult.Error"/> says which.</summary>
    Failed,
}

/// <summary>
/// Result of executing a call. For eth_estimateGas, <see cref="GasUsed"/> is the estimate.
/// </summary>
public sealed record CallResult(CallStatus Status, ReadOnlyMemory<byte> ReturnData, ulong GasUsed, string? Error = null)
{
    public static CallResult Ok(ReadOnlyMemory<byte> returnData, ulong gasUsed) => new(CallStatus.Success, returnData, gasUsed);
    public static CallResult Revert(ReadOnlyMemory<byte> data, ulong gasUsed = 0) => new(CallStatus.Reverted, data, gasUsed);
    public static CallResult Fail(string error, ulong gasUsed = 0) => new(CallStatus.Failed, ReadOnlyMemory<byte>.Empty, gasUsed, error);
}
