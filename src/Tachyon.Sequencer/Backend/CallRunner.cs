using Tachyon.Core.Numerics;
using Tachyon.Core.Transactions;
using Tachyon.Core.Types;
using Tachyon.Evm;
using Tachyon.Evm.Interpreter;
using Tachyon.Evm.Processing;
using Tachyon.Evm.State;
using Tachyon.Rpc.Backend;
using Tachyon.Rpc.Methods;
using Tachyon.Sequencer.Execution;
using EvmCallResult = Tachyon.Rpc.Backend.CallResult;

namespace Tachyon.Sequencer.Backend;

/// <summary>
/// eth_call and eth_estimateGas: run a call object on a throwaway ExecutionState (nothing is
/// committed). Like geth, the nonce is the sender's current one, and a call that names no fee runs
/// with gas price 0 in a block whose base fee reads as 0. The estimate is a binary search over the
/// gas limit for the lowest one that succeeds, starting from an optimistic guess.
/// </summary>
internal sealed class CallRunner
{
    private readonly TransactionProcessor _processor = new(ForkSpec.TachyonL2) { AllowBlobTransactions = false };

    public EvmCallResult Call(IStateReader reader, BlockEnvironment block, CallRequest call, ulong gasCap)
    {
        TransactionResult r = Run(reader, block, call, call.Gas is ulong g ? Math.Min(g, gasCap) : gasCap, out string? error);
        if (error != null) return EvmCallResult.Fail(error);
        return ToResult(r);
    }

    public EvmCallResult Estimate(IStateReader reader, BlockEnvironment block, CallRequest call, ulong gasCap, CancellationToken ct)
    {
        ulong hi = call.Gas is ulong g ? Math.Min(g, gasCap) : gasCap;
        // With a price, the sender's balance caps the gas it can buy.
        UInt256 price = call.GasPrice ?? call.MaxFeePerGas ?? UInt256.Zero;
        if (!price.IsZero)
        {
            UInt256 balance = reader.TryGetAccount(call.From ?? default, out AccountData a) ? a.Balance : UInt256.Zero;
            UInt256 value = call.Value ?? UInt256.Zero;
            if (balance < value) return EvmCallResult.Fail(TxErrors.Message(TxRejection.InsufficientFunds));
            UInt256 allowance = (balance - value) / price;
            if (allowance < hi) hi = (ulong)allowance;
        }
        TransactionResult first = Run(reader, block, call, hi, out string? error);
        if (error != null) return EvmCallResult.Fail(error);
        if (!first.Success) return ToResult(first);

        ulong lo = (ulong)first.GasUsed - 1;
        ulong optimistic = ((ulong)first.GasUsed + 2300) * 64 / 63;
        if (optimistic < hi)
        {
            if (Succeeds(reader, block, call, optimistic)) hi = optimistic;
            else lo = optimistic;
        }
        while (lo + 1 < hi)
        {
            ct.ThrowIfCancellationRequested();
            // Stop within 1.5% like geth: callers add their own margin anyway.
            if ((hi - lo) * 1000 / hi < 15) break;
            ulong mid = lo + (hi - lo) / 2;
            if (Succeeds(reader, block, call, mid)) hi = mid;
            else lo = mid;
        }
        return EvmCallResult.Ok(ReadOnlyMemory<byte>.Empty, hi);
    }

    private bool Succeeds(IStateReader reader, BlockEnvironment block, CallRequest call, ulong gas) =>
        Run(reader, block, call, gas, out string? error) is { Success: true } && error == null;

    private static EvmCallResult ToResult(TransactionResult r)
    {
        if (r.Success) return EvmCallResult.Ok(r.Output, (ulong)r.GasUsed);
        if (r.Status == EvmStatus.Revert) return EvmCallResult.Revert(r.Output, (ulong)r.GasUsed);
        return EvmCallResult.Fail(StatusMessage(r.Status), (ulong)r.GasUsed);
    }

    private TransactionResult Run(IStateReader reader, BlockEnvironment block, CallRequest call, ulong gas, out string? error)
    {
        error = null;
        Address from = call.From ?? default;
        bool priced = call.GasPrice is not null || call.MaxFeePerGas is not null || call.MaxPriorityFeePerGas is not null;
        BlockEnvironment env = priced ? block : WithoutBaseFee(block);
        var tx = new Transaction
        {
            Type = call.Type ?? (call.AuthorizationList is { Count: > 0 } ? TransactionType.SetCode
                : call.GasPrice is not null ? TransactionType.Legacy : TransactionType.DynamicFee),
            ChainId = block.ChainId,
            Nonce = reader.TryGetAccount(from, out AccountData a) ? a.Nonce : 0,
            GasLimit = gas,
            GasPrice = call.GasPrice ?? UInt256.Zero,
            MaxFeePerGas = call.MaxFeePerGas ?? call.GasPrice ?? UInt256.Zero,
            MaxPriorityFeePerGas = call.MaxPriorityFeePerGas ?? UInt256.Zero,
            To = call.To,
            Value = call.Value ?? UInt256.Zero,
            Data = call.Input ?? ReadOnlyMemory<byte>.Empty,
            AccessList = call.AccessList ?? [],
            AuthorizationList = call.AuthorizationList ?? [],
        };
        if (tx.Type == TransactionType.Blob) { error = TxErrors.Message(TxRejection.TypeNotSupported); return TransactionResult.Invalid(error); }
        if (tx.Type is TransactionType.DynamicFee or TransactionType.SetCode && tx.MaxPriorityFeePerGas > tx.MaxFeePerGas)
            tx = tx with { MaxPriorityFeePerGas = tx.MaxFeePerGas };
        ExecutableTransaction exe = tx.ToExecutable(from);
        var execution = new ExecutionState(reader);
        TransactionResult result = _processor.Execute(execution, env, exe);
        if (!result.IsValid) error = InvalidMessage(result.InvalidReason!);
        return result;
    }

    private static BlockEnvironment WithoutBaseFee(BlockEnvironment b) => new()
    {
        Coinbase = b.Coinbase, Number = b.Number, Timestamp = b.Timestamp, GasLimit = b.GasLimit, BaseFee = UInt256.Zero,
        PrevRandao = b.PrevRandao, ExcessBlobGas = b.ExcessBlobGas, ChainId = b.ChainId, BlockHashProvider = b.BlockHashProvider,
    };

    private static string InvalidMessage(string reason)
    {
        SubmitResult r = Rejections.FromInvalidReason(reason);
        return r.Rejection == TxRejection.Other ? r.Detail ?? reason : TxErrors.Message(r.Rejection);
    }

    private static string StatusMessage(EvmStatus status) => status switch
    {
        EvmStatus.OutOfGas => "out of gas",
        EvmStatus.InvalidOpcode => "invalid opcode",
        EvmStatus.StackUnderflow => "stack underflow",
        EvmStatus.StackOverflow => "stack limit reached 1024",
        EvmStatus.InvalidJump => "invalid jump destination",
        EvmStatus.StaticViolation => "write protection",
        EvmStatus.ReturnDataOutOfBounds => "return data out of bounds",
        EvmStatus.CodeSizeExceeded => "max code size exceeded",
        EvmStatus.InvalidCodePrefix => "invalid code: must not begin with 0xef",
        EvmStatus.CreateCollision => "contract address collision",
        EvmStatus.PrecompileFailure => "precompiled contract failed",
        _ => status.ToString(),
    };
}
