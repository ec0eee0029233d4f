using Tachyon.Core.Numerics;
using Tachyon.Core.Transactions;
using Tachyon.Core.Types;
using Tachyon.Rpc.Backend;
using Tachyon.Rpc.Json;

namespace Tachyon.Rpc.Methods;

/// <summary>eth_sendTransaction: fills nonce, gas and fees, and signs with a dev account key.</summary>
public static class DevSigner
{
    public static async ValueTask<Transaction> FillAndSignAsync(RpcContext c, CallRequest request)
    {
        if (request.From is not Address from) throw JsonArgs.Invalid("argument 0.from", "missing sender");
        DevAccount account = FindAccount(c.Backend.DevAccounts, from)
            ?? throw new RpcException(RpcErrorCodes.ServerError, "unknown account");
        IEthBackend b = c.Backend;
        if (request.ChainId is ulong requested && requested != b.ChainId)
            throw TxErrors.Reject(TxRejection.WrongChainId, $"have {requested} want {b.ChainId}");
        ulong nonce = request.Nonce ?? b.GetNonce(from, BlockSelector.Pending) ?? 0;

        TransactionType type = request.Type ?? (request.AuthorizationList is { Count: > 0 } ? TransactionType.SetCode
            : request.GasPrice is not null ? (request.AccessList is { Count: > 0 } ? TransactionType.AccessList : TransactionType.Legacy)
            : TransactionType.DynamicFee);
        if (type == TransactionType.Blob) throw TxErrors.Reject(TxRejection.TypeNotSupported);

        ulong gas = request.Gas ?? await EstimateAsync(c, request with { Nonce = nonce }).ConfigureAwait(false);
        var tx = new Transaction
        {
            Type = type,
            ChainId = b.ChainId,
            Nonce = nonce,
            GasLimit = gas,
            To = request.To,
            Value = request.Value ?? UInt256.Zero,
            Data = request.Input ?? ReadOnlyMemory<byte>.Empty,
            AccessList = request.AccessList ?? [],
            AuthorizationList = request.AuthorizationList ?? [],
        };
        if (type is TransactionType.Legacy or TransactionType.AccessList)
        {
            tx = tx with { GasPrice = request.GasPrice ?? b.GasPrice };
        }
        else
        {
            UInt256 tip = request.MaxPriorityFeePerGas ?? b.MaxPriorityFeePerGas;
            UInt256 baseFee = b.GetHeader(BlockSelector.Latest)?.BaseFeePerGas ?? UInt256.Zero;
            UInt256 maxFee = request.MaxFeePerGas ?? (baseFee + baseFee + tip);
            if (tip > maxFee) tip = maxFee;
            tx = tx with { MaxPriorityFeePerGas = tip, MaxFeePerGas = maxFee };
        }
        return TransactionSigner.Sign(tx, account.PrivateKey);
    }

    private static async ValueTask<ulong> EstimateAsync(RpcContext c, CallRequest request)
    {
        CallResult? result = await c.Backend.EstimateGasAsync(request, BlockSelector.Pending, null, c.Aborted).ConfigureAwait(false);
        if (result is null) return c.Options.DefaultSendGas;
        EthCallMethods.ThrowOnFailure(result);
        return result.GasUsed;
    }

    private static DevAccount? FindAccount(IReadOnlyList<DevAccount> accounts, Address address)
    {
        foreach (DevAccount a in accounts)
            if (a.Address == address) return a;
        return null;
    }
}
