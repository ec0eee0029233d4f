using Tachyon.Core.Blocks;
using Tachyon.Core.Numerics;
using Tachyon.Core.Types;
using Tachyon.Evm.Interpreter;
using Tachyon.Evm.State;

namespace Tachyon.Evm.Processing;

/// <summary>The outcome of one transaction: either invalid (nothing changed) or executed.</summary>
public sealed class TransactionResult
{
    /// <summary>Null for a valid transaction; otherwise why it was rejected (TransactionException names).</summary>
    public string? InvalidReason { get; init; }
    public bool IsValid => InvalidReason is null;
    public bool Success { get; init; }
    public EvmStatus Status { get; init; }
    public long GasUsed { get; init; }
    public IReadOnlyList<Log> Logs { get; init; } = [];
    public byte[] Output { get; init; } = [];
    public Address? ContractAddress { get; init; }
    public StateWriteSet? WriteSet { get; init; }

    public byte TxType { get; init; }

    public static TransactionResult Invalid(string reason) => new() { InvalidReason = reason };

    /// <summary>The receipt (status, cumulative gas, logs, bloom) given the gas used by earlier transactions of the block.</summary>
    public Receipt ToReceipt(ulong previousCumulativeGasUsed)
    {
        if (!IsValid) throw new InvalidOperationException("an invalid transaction has no receipt: " + InvalidReason);
        return Receipt.Create(TxType, Success, previousCumulativeGasUsed + (ulong)GasUsed, Logs);
    }
}

/// <summary>
/// Validates and executes one transaction against a world state and commits its write-set.
/// Order follows the execution specs: validation, buy gas, nonce, EIP-7702 authorizations,
/// pre-warming, execution, refund (capped at gasUsed/5), EIP-7623 floor, fees.
/// </summary>
public sealed class TransactionProcessor
{
    private readonly ForkSpec _spec;
    private readonly VirtualMachine _vm;

    /// <summary>Whether type-3 blob transactions are accepted (false on the L2; true for the official state tests).</summary>
    public bool AllowBlobTransactions { get; init; } = true;

    public IEvmTracer? Tracer { get => _vm.Tracer; set => _vm.Tracer = value; }

    public TransactionProcessor(ForkSpec spec)
    {
        _spec = spec;
        _vm = new VirtualMachine(spec);
    }

    public ForkSpec Spec => _spec;

    /// <summary>(intrinsic gas, EIP-7623 calldata floor) from Core's <see cref="Tachyon.Core.Transactions.IntrinsicGas"/>.</summary>
    public static (long Intrinsic, long Floor) IntrinsicGas(ExecutableTransaction tx, ForkSpec spec)
    {
        int keys = 0;
        foreach (AccessListEntry e in tx.AccessList) keys += e.StorageKeys.Length;
        var cost = Tachyon.Core.Transactions.IntrinsicGas.Calculate(tx.Data, tx.IsCreate, tx.AccessList.Length, keys,
            tx.AuthorizationList?.Length ?? 0, spec.IsEip7623Enabled);
        return ((long)cost.Standard, (long)cost.Floor);
    }

    public TransactionResult Execute(IWorldState world, BlockEnvironment block, ExecutableTransaction tx, long blockGasUsed = 0)
    {
        var state = new ExecutionState(world);
        TransactionResult result = Execute(state, block, tx, blockGasUsed);
        if (result.WriteSet != null) world.Commit(result.WriteSet);
        return result;
    }

    /// <summary>Runs the transaction on <paramref name="state"/>; the caller commits <see cref="TransactionResult.WriteSet"/>.</summary>
    public TransactionResult Execute(ExecutionState state, BlockEnvironment block, ExecutableTransaction tx, long blockGasUsed = 0)
    {
        // ---------------- stateless validation
        var (intrinsic, floor) = IntrinsicGas(tx, _spec);
        if (tx.GasLimit < Math.Max(intrinsic, floor)) return TransactionResult.Invalid("TransactionException.INTRINSIC_GAS_TOO_LOW");
        if (tx.Nonce == ulong.MaxValue) return TransactionResult.Invalid("TransactionException.NONCE_IS_MAX");
        if (tx.IsCreate && tx.Data.Length > _spec.MaxInitCodeSize) return TransactionResult.Invalid("TransactionException.INITCODE_SIZE_EXCEEDED");
        if (tx.GasLimit > block.GasLimit - blockGasUsed) return TransactionResult.Invalid("TransactionException.GAS_ALLOWANCE_EXCEEDED");

        UInt256 effectiveGasPrice;
        UInt256 maxGasPrice;
        if (tx.IsDynamicFee)
        {
            if (tx.MaxPriorityFeePerGas > tx.MaxFeePerGas) return TransactionResult.Invalid("TransactionException.PRIORITY_GREATER_THAN_MAX_FEE_PER_GAS");
            if (tx.MaxFeePerGas < block.BaseFee) return TransactionResult.Invalid("TransactionException.INSUFFICIENT_MAX_FEE_PER_GAS");
            UInt256 headroom = tx.MaxFeePerGas - block.BaseFee;
            effectiveGasPrice = block.BaseFee + (tx.MaxPriorityFeePerGas < headroom ? tx.MaxPriorityFeePerGas : headroom);
            maxGasPrice = tx.MaxFeePerGas;
        }
        else
        {
            if (tx.GasPrice < block.BaseFee) return TransactionResult.Invalid("TransactionException.INSUFFICIENT_MAX_FEE_PER_GAS");
            effectiveGasPrice = tx.GasPrice;
            maxGasPrice = tx.GasPrice;
        }

        UInt256 blobFee = default, maxBlobFee = default;
        if (tx.Type == 3)
        {
            if (!AllowBlobTransactions) return TransactionResult.Invalid("TransactionException.TYPE_3_TX_PRE_FORK");
            if (tx.To is null) return TransactionResult.Invalid("TransactionException.TYPE_3_TX_CONTRACT_CREATION");
            if (tx.BlobVersionedHashes.Length == 0) return TransactionResult.Invalid("TransactionException.TYPE_3_TX_ZERO_BLOBS");
            if (tx.BlobVersionedHashes.Length > _spec.MaxBlobsPerBlock) return TransactionResult.Invalid("TransactionException.TYPE_3_TX_BLOB_COUNT_EXCEEDED");
            foreach (Hash256 h in tx.BlobVersionedHashes)
                if (h.Bytes[0] != ForkSpec.BlobVersionedHashVersion) return TransactionResult.Invalid("TransactionException.TYPE_3_TX_INVALID_BLOB_VERSIONED_HASH");
            UInt256 blobBaseFee = block.BlobBaseFee(_spec);
            if (tx.MaxFeePerBlobGas < blobBaseFee) return TransactionResult.Invalid("TransactionException.INSUFFICIENT_MAX_FEE_PER_BLOB_GAS");
            UInt256 blobGas = (ulong)tx.BlobVersionedHashes.Length * ForkSpec.GasPerBlob;
            blobFee = blobGas * blobBaseFee;
            if (UInt256.MultiplyOverflow(in blobGas, tx.MaxFeePerBlobGas, out maxBlobFee))
                return TransactionResult.Invalid("TransactionException.INSUFFICIENT_ACCOUNT_FUNDS");
        }
        if (tx.Type == 4)
        {
            if (!_spec.IsEip7702Enabled) return TransactionResult.Invalid("TransactionException.TYPE_4_TX_PRE_FORK");
            if (tx.To is null) return TransactionResult.Invalid("TransactionException.TYPE_4_TX_CONTRACT_CREATION");
            if (tx.AuthorizationList is null || tx.AuthorizationList.Length == 0)
                return TransactionResult.Invalid("TransactionException.TYPE_4_EMPTY_AUTHORIZATION_LIST");
        }

        // ---------------- stateful validation
        Address sender = tx.Sender;
        if (state.GetNonce(sender) != tx.Nonce)
            return TransactionResult.Invalid(state.GetNonce(sender) > tx.Nonce ? "TransactionException.NONCE_TOO_LOW" : "TransactionException.NONCE_TOO_HIGH");
        if (UInt256.MultiplyOverflow((ulong)tx.GasLimit, in maxGasPrice, out UInt256 maxGasFee)
            || UInt256.AddOverflow(in maxGasFee, in maxBlobFee, out UInt256 maxCost)
            || UInt256.AddOverflow(in maxCost, tx.Value, out UInt256 required)
            || state.GetBalance(sender) < required)
            return TransactionResult.Invalid("TransactionException.INSUFFICIENT_ACCOUNT_FUNDS");
        byte[] senderCode = state.GetCode(sender);
        if (senderCode.Length > 0 && !(_spec.IsEip7702Enabled && VirtualMachine.IsDelegation(senderCode)))
            return TransactionResult.Invalid("TransactionException.SENDER_NOT_EOA");

        // ---------------- buy gas
        var txEnv = new TxEnvironment { Origin = sender, GasPrice = effectiveGasPrice, BlobVersionedHashes = tx.BlobVersionedHashes };
        _vm.SetContext(state, block, txEnv);
        state.IncrementNonce(sender);
        state.SubtractBalance(sender, (UInt256)(ulong)tx.GasLimit * effectiveGasPrice + blobFee);

        // ---------------- pre-warm (EIP-2929 / 2930 / 3651)
        state.WarmUp(sender);
        state.WarmUp(block.Coinbase);
        foreach (Address p in _spec.Precompiles.Addresses) state.WarmUp(p);
        foreach (AccessListEntry e in tx.AccessList)
        {
            state.WarmUp(e.Address);
            foreach (UInt256 k in e.StorageKeys) state.WarmUp(e.Address, k);
        }

        // ---------------- EIP-7702 authorizations
        long authRefund = 0;
        if (tx.AuthorizationList != null && _spec.IsEip7702Enabled)
            authRefund = ApplyAuthorizations(state, block, tx.AuthorizationList);

        // ---------------- execute
        Frame top = _vm.RentFrame();
        top.Caller = sender;
        top.Value = tx.Value;
        top.TransferValue = true;
        top.Gas = tx.GasLimit - intrinsic;
        top.Depth = 0;
        top.IsStatic = false;
        CallResult call;
        Address? contractAddress = null;
        if (tx.To is { } to)
        {
            state.WarmUp(to);
            top.Kind = FrameKind.Call;
            top.Target = to;
            top.CodeAddress = to;
            top.Input = tx.Data;
            byte[] code = state.GetCallTargetCode(to);
            if (_spec.IsEip7702Enabled && VirtualMachine.IsDelegation(code))
            {
                Address delegate_ = new(code.AsSpan(3, 20));
                state.WarmUp(delegate_);
                top.CodeAddress = delegate_;
                top.DisablePrecompiles = true;
                code = state.GetCode(delegate_);
            }
            top.Code = code.Length == 0 ? CodeInfo.Empty : CodeInfo.Get(state.GetCodeHash(top.CodeAddress), code);
            call = _vm.Execute(top);
        }
        else
        {
            Address created = VirtualMachine.CreateAddress(sender, tx.Nonce);
            contractAddress = created;
            state.WarmUp(created);
            top.Kind = FrameKind.Create;
            top.Target = created;
            top.CodeAddress = created;
            top.Code = tx.Data.Length == 0 ? CodeInfo.Empty : new CodeInfo(tx.Data);
            if (state.HasCodeOrNonce(created) || state.HasStorage(created))
                call = new CallResult(EvmStatus.CreateCollision, 0, []);
            else
                call = _vm.Execute(top);
        }
        _vm.ReturnFrame(top);

        // ---------------- refund, floor, fees
        long gasUsed = tx.GasLimit - call.GasLeft;
        long refund = Math.Min(gasUsed / 5, state.Refund + authRefund);
        gasUsed -= refund;
        if (gasUsed < floor) gasUsed = floor;
        long gasLeft = tx.GasLimit - gasUsed;
        state.AddBalance(sender, (UInt256)(ulong)gasLeft * effectiveGasPrice);
        UInt256 priorityFee = (UInt256)(ulong)gasUsed * (effectiveGasPrice - block.BaseFee);
        if (!priorityFee.IsZero) state.AddBalance(block.Coinbase, priorityFee);
        else if (state.ExistsAndIsEmpty(block.Coinbase)) state.Touch(block.Coinbase);

        state.FinalizeDeletions();
        Tracer?.OnTransactionEnd(gasUsed, call.Success, call.Output, call.Success ? null : call.Status.ToString());

        return new TransactionResult
        {
            TxType = tx.Type,
            Success = call.Success,
            Status = call.Status,
            GasUsed = gasUsed,
            Logs = call.Success ? state.Logs.ToArray() : [],
            Output = call.Output,
            ContractAddress = call.Success ? contractAddress : null,
            WriteSet = state.BuildWriteSet(),
        };
    }

    private long ApplyAuthorizations(ExecutionState state, BlockEnvironment block, AuthorizationEntry[] list)
    {
        long refund = 0;
        foreach (AuthorizationEntry auth in list)
        {
            if (!auth.ChainId.IsZero && auth.ChainId != block.ChainId) continue;
            if (auth.Nonce == ulong.MaxValue) continue;
            if (auth.Authority is not { } authority) continue;
            state.WarmUp(authority);
            byte[] code = state.GetCode(authority);
            if (code.Length > 0 && !VirtualMachine.IsDelegation(code)) continue;
            if (state.GetNonce(authority) != auth.Nonce) continue;
            if (state.AccountExists(authority)) refund += _spec.PerEmptyAccountCost - _spec.PerAuthBaseCost;
            if (auth.Address.IsZero) state.SetCode(authority, []);
            else
            {
                var designator = new byte[23];
                designator[0] = 0xef; designator[1] = 0x01; designator[2] = 0x00;
                auth.Address.Bytes.CopyTo(designator.AsSpan(3));
                state.SetCode(authority, designator);
            }
            state.IncrementNonce(authority);
        }
        return refund;
    }
}
