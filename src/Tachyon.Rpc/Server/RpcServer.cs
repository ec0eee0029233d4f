using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tachyon.Rpc.Backend;
using Tachyon.Rpc.Methods;

namespace Tachyon.Rpc.Server;

/// <summary>
/// The node's JSON-RPC endpoint: Kestrel serving HTTP POST and WebSocket (upgrade on "/") on one
/// port, with CORS. Create, <see cref="StartAsync"/>, and dispose to stop.
/// </summary>
public sealed class RpcServer : IAsyncDisposable
{
    private readonly IEthBackend _backend;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private WebApplication? _app;
    private JsonRpcProcessor? _processor;

    public RpcServer(IEthBackend backend, RpcServerOptions? options = null, ILoggerFactory? loggerFactory = null, RpcMethodRegistry? methods = null)
    {
        _backend = backend ?? throw new ArgumentNullException(nameof(backend));
        Options = options ?? new RpcServerOptions();
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger("Tachyon.Rpc");
        Methods = methods ?? RpcMethodRegistry.CreateDefault();
    }

    public RpcServerOptions Options { get; }

    /// <summary>Add or replace methods before starting.</summary>
    public RpcMethodRegistry Methods { get; }

    /// <summary>The bound port (the real one when <see cref="RpcServerOptions.Port"/> is 0); valid after start.</summary>
    public int Port { get; private set; }

    public Uri HttpUri => new($"http://{UriHost}:{Port}/");

    public Uri WebSocketUri => new($"ws://{UriHost}:{Port}/");

    private string UriHost
    {
        get
        {
            IPAddress ip = ParseHost(Options.Host);
            if (ip.Equals(IPAddress.Any)) return "127.0.0.1";
            if (ip.Equals(IPAddress.IPv6Any)) return "[::1]";
            return ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{ip}]" : ip.ToString();
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_app is not null) throw new InvalidOperationException("already started");
        Methods.Freeze();

        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddSingleton(_loggerFactory);
        builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = null; // enforced by HttpRpcHandler to answer with a JSON-RPC error
            k.Listen(ParseHost(Options.Host), Options.Port);
        });

        WebApplication app = builder.Build();
        var processor = new JsonRpcProcessor(Methods, _backend, Options, _logger);
        _processor = processor;
        var http = new HttpRpcHandler(processor);
        var cors = new Cors(Options.CorsOrigins);
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        app.Run(async context =>
        {
            try
            {
                if (cors.Apply(context)) return;
                if (context.WebSockets.IsWebSocketRequest)
                {
                    if (context.Request.Path != "/")
                    {
                        context.Response.StatusCode = StatusCodes.Status404NotFound;
                        return;
                    }
                    using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
                    await new WebSocketConnection(socket, processor, _logger, context.RequestAborted).RunAsync().ConfigureAwait(false);
                    return;
                }
                await http.HandleAsync(context).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
            }
            catch (Exception e) when (e is IOException or BadHttpRequestException)
            {
                _logger.LogDebug(e, "Connection error");
            }
        });

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _app = app;
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Port = new Uri(address.Replace("[::]", "[::1]", StringComparison.Ordinal)).Port;
        // Debug: the node host prints the user-facing "JSON-RPC listening" line itself.
        _logger.LogDebug("JSON-RPC listening on {Http} and {Ws}", HttpUri, WebSocketUri);
    }

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        WebApplication? app = Interlocked.Exchange(ref _app, null);
        if (app is null) return;
        _processor?.Filters.Dispose();
        try
        {
            await app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await StopAsync(timeout.Token).ConfigureAwait(false);
    }

    private static IPAddress ParseHost(string host) => host switch
    {
        "localhost" => IPAddress.Loopback,
        "" or "*" or "0.0.0.0" => IPAddress.Any,
        _ => IPAddress.Parse(host),
    };
}
