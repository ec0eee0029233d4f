namespace Tachyon.Rpc.Server;

/// <summary>Settings of the JSON-RPC server. Defaults suit a local development node.</summary>
public sealed record RpcServerOptions
{
    /// <summary>IP address to listen on ("localhost" means loopback; "0.0.0.0" / "::" all interfaces).</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>TCP port; 0 picks a free one (see <see cref="RpcServer.Port"/>).</summary>
    public int Port { get; init; } = 8545;

    /// <summary>Allowed browser origins; "*" allows any.</summary>
    public IReadOnlyList<string> CorsOrigins { get; init; } = ["*"];

    public long MaxRequestBodyBytes { get; init; } = 5 * 1024 * 1024;

    public int MaxBatchLength { get; init; } = 1000;

    public int MaxSubscriptionsPerConnection { get; init; } = 1000;

    public int MaxWebSocketMessageBytes { get; init; } = 5 * 1024 * 1024;

    /// <summary>Outgoing messages a WebSocket may have queued before it is dropped as too slow.</summary>
    public int WebSocketSendQueueLength { get; init; } = 8192;

    /// <summary>Requests one WebSocket connection may have in flight.</summary>
    public int MaxConcurrentRequestsPerConnection { get; init; } = 64;

    public string ClientVersion { get; init; } = $"Tachyon/v{typeof(RpcServerOptions).Assembly.GetName().Version?.ToString(3) ?? "0.0.0"}/dotnet{Environment.Version.Major}";

    /// <summary>eth_sendRawTransactionSync wait when the request gives no (valid) timeout.</summary>
    public TimeSpan SyncSendDefaultTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest wait a request may ask for; larger values fall back to the default (EIP-7966).</summary>
    public TimeSpan SyncSendMaxTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public ulong MaxLogBlockRange { get; init; } = 10_000;

    public int MaxLogResults { get; init; } = 10_000;

    public ulong MaxFeeHistoryBlocks { get; init; } = 1024;

    /// <summary>Largest raw transaction accepted (geth: 128 KiB).</summary>
    public int MaxTransactionBytes { get; init; } = 128 * 1024;

    /// <summary>Accept legacy transactions without EIP-155 replay protection (deterministic deployers need them).</summary>
    public bool AllowUnprotectedTransactions { get; init; } = true;

    /// <summary>Gas limit eth_sendTransaction uses when the request gives none and estimation fails to answer.</summary>
    public ulong DefaultSendGas { get; init; } = 30_000_000;
}
