using Tachyon.Core.Types;
using Tachyon.Rpc.Backend;
using Tachyon.Rpc.Json;

namespace Tachyon.Rpc.Methods;

/// <summary>eth_call and eth_estimateGas: [callObject, block?, stateOverrides?].</summary>
public static class EthCallMethods
{
    public static void Register(RpcMethodRegistry r)
    {
        r.Register("eth_call", async (c, p) =>
        {
            var (call, block, overrides) = ReadArgs(p);
            CallResult result = await c.Backend.CallAsync(call, block, overrides, c.Aborted).ConfigureAwait(false)
                ?? throw RpcException.HeaderNotFound();
            ThrowOnFailure(result);
            return RpcHex.Data(result.ReturnData.Span);
        });
        r.Register("eth_estimateGas", async (c, p) =>
        {
            var (call, block, overrides) = ReadArgs(p);
            CallResult result = await c.Backend.EstimateGasAsync(call, block, overrides, c.Aborted).ConfigureAwait(false)
                ?? throw RpcException.HeaderNotFound();
            ThrowOnFailure(result);
            return RpcResult.Quantity(result.GasUsed);
        });
    }

    private static (CallRequest, BlockSelector, IReadOnlyDictionary<Address, AccountOverride>?) ReadArgs(ParamReader p)
    {
        p.AtMost(3);
        CallRequest call = CallRequestParser.Parse(p.Required(0, "transaction"), p.PathOf(0, "transaction"));
        BlockSelector block = p.Block(1, allowObject: true);
        IReadOnlyDictionary<Address, AccountOverride>? overrides =
            p.Optional(2) is { } o ? StateOverrideParser.Parse(o, p.PathOf(2, "stateOverrides")) : null;
        return (call, block, overrides);
    }

    /// <summary>Reverts become code 3 with the revert data; other failures -32000 with the backend's message.</summary>
    public static void ThrowOnFailure(CallResult result)
    {
        switch (result.Status)
        {
            case CallStatus.Reverted:
                throw new RpcException(RpcErrorCodes.ExecutionReverted, RevertReason.Message(result.ReturnData.Span), RpcHex.Data(result.ReturnData.Span));
            case CallStatus.Failed:
                throw new RpcException(RpcErrorCodes.ServerError, result.Error ?? "execution failed");
        }
    }
}
