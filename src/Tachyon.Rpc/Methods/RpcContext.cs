using Microsoft.Extensions.Logging;
using Tachyon.Rpc.Backend;
using Tachyon.Rpc.Filters;
using Tachyon.Rpc.Server;
using Tachyon.Rpc.Subscriptions;

namespace Tachyon.Rpc.Methods;

/// <summary>What a handler sees of the server: backend, options and, over WebSocket, its connection.</summary>
public sealed class RpcContext(IEthBackend backend, RpcServerOptions options, ILogger logger, ISubscriptionHost? connection, CancellationToken aborted)
{
    public IEthBackend Backend { get; } = backend;
    public RpcServerOptions Options { get; } = options;
    public ILogger Logger { get; } = logger;

    /// <summary>Null over HTTP.</summary>
    public ISubscriptionHost? Connection { get; } = connection;

    /// <summary>The server's polling filters; null where a processor runs without them.</summary>
    public FilterStore? Filters { get; init; }

    /// <summary>Signalled when the client goes away.</summary>
    public CancellationToken Aborted { get; } = aborted;
}
