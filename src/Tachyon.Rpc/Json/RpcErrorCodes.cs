namespace Tachyon.Rpc.Json;

/// <summary>JSON-RPC 2.0 and EIP-1474 error codes, plus the Ethereum-specific ones clients match on.</summary>
public static class RpcErrorCodes
{
    public const int ParseError = -32700;
    public const int InvalidRequest = -32600;
    public const int MethodNotFound = -32601;
    public const int InvalidParams = -32602;
    public const int InternalError = -32603;

    /// <summary>Generic server error; geth uses it for transaction and state errors.</summary>
    public const int ServerError = -32000;

    /// <summary>EIP-1474: requested resource not found.</summary>
    public const int ResourceNotFound = -32001;

    /// <summary>EIP-1474: method not supported (e.g. eth_subscribe over HTTP).</summary>
    public const int MethodNotSupported = -32004;

    /// <summary>EIP-1474: request exceeds a defined limit.</summary>
    public const int LimitExceeded = -32005;

    /// <summary>Execution reverted (eth_call / eth_estimateGas); data carries the revert bytes.</summary>
    public const int ExecutionReverted = 3;

    /// <summary>EIP-7966: the receipt did not arrive in time.</summary>
    public const int SyncTimeout = 4;

    /// <summary>EIP-7966: accepted but not ready to execute (nonce gap).</summary>
    public const int SyncNotReady = 5;
}
