using System.Collections.Frozen;
using Tachyon.Rpc.Json;

namespace Tachyon.Rpc.Methods;

public delegate ValueTask<RpcResult> RpcHandler(RpcContext context, ParamReader parameters);

/// <summary>Method name → handler. Build one, register, then <see cref="Freeze"/> (the server does) for lock-free lookups.</summary>
public sealed class RpcMethodRegistry
{
    private readonly Dictionary<string, RpcHandler> _building = new(StringComparer.Ordinal);
    private FrozenDictionary<string, RpcHandler>? _frozen;

    public RpcMethodRegistry Register(string name, RpcHandler handler)
    {
        if (_frozen is not null) throw new InvalidOperationException("the registry is frozen once the server starts");
        _building[name] = handler;
        return this;
    }

    /// <summary>Registers a synchronous handler.</summary>
    public RpcMethodRegistry Register(string name, Func<RpcContext, ParamReader, RpcResult> handler) =>
        Register(name, (c, p) => new ValueTask<RpcResult>(handler(c, p)));

    public void Freeze() => _frozen ??= _building.ToFrozenDictionary(StringComparer.Ordinal);

    public bool TryGet(string name, out RpcHandler handler)
    {
        if (_frozen is { } frozen) return frozen.TryGetValue(name, out handler!);
        lock (_building) return _building.TryGetValue(name, out handler!);
    }

    public IEnumerable<string> Names => _frozen?.Keys ?? (IEnumerable<string>)_building.Keys;

    /// <summary>All standard methods of this package.</summary>
    public static RpcMethodRegistry CreateDefault()
    {
        var registry = new RpcMethodRegistry();
        Web3Methods.Register(registry);
        EthStateMethods.Register(registry);
        EthBlockMethods.Register(registry);
        EthCallMethods.Register(registry);
        EthFeeMethods.Register(registry);
        EthSendMethods.Register(registry);
        EthLogMethods.Register(registry);
        EthFilterMethods.Register(registry);
        EthSubscribeMethods.Register(registry);
        return registry;
    }
}
