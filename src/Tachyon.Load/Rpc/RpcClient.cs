using System.Text.Json;
using Tachyon.Core.Numerics;
using Tachyon.Core.Types;

namespace Tachyon.Load.Rpc;

/// <summary>Thrown by the typed helpers in the setup phases, where any failure ends the run with its message.</summary>
public sealed class RpcCallException(string method, RpcError error)
    : Exception($"{method} failed: {error}")
{
    public RpcError Error { get; } = error;
}

/// <summary>Typed eth_* calls over an <see cref="IRpcTransport"/> (ids from a counter above any pre-built request's id).</summary>
public sealed class RpcClient(IRpcTransport transport) : IAsyncDisposable
{
    private long _id = 1L << 40;

    public IRpcTransport Transport => transport;

    public Task<RpcResponse> CallAsync(string method, string paramsJson, CancellationToken ct = default)
    {
        long id = Interlocked.Increment(ref _id);
        return transport.SendAsync(RpcRequest.Build(id, method, paramsJson), id, ct);
    }

    /// <summary>Calls and throws <see cref="RpcCallException"/> on any error.</summary>
    public async Task<JsonElement> CallOkAsync(string method, string paramsJson, CancellationToken ct = default)
    {
        RpcResponse r = await CallAsync(method, paramsJson, ct).ConfigureAwait(false);
        if (r.Error is RpcError e) throw new RpcCallException(method, e);
        return r.Result;
    }

    public async Task<ulong> ChainIdAsync() => Quantity(await CallOkAsync("eth_chainId", "[]").ConfigureAwait(false));

    public async Task<ulong> BlockNumberAsync(CancellationToken ct = default) =>
        Quantity(await CallOkAsync("eth_blockNumber", "[]", ct).ConfigureAwait(false));

    public async Task<ulong> NonceAsync(Address a, string tag = "pending") =>
        Quantity(await CallOkAsync("eth_getTransactionCount", $"[\"{a}\",\"{tag}\"]").ConfigureAwait(false));

    public async Task<UInt256> BalanceAsync(Address a) =>
        Word(await CallOkAsync("eth_getBalance", $"[\"{a}\",\"latest\"]").ConfigureAwait(false));

    public async Task<UInt256> GasPriceAsync() => Word(await CallOkAsync("eth_gasPrice", "[]").ConfigureAwait(false));

    /// <summary>eth_maxPriorityFeePerGas, or null when the node lacks it.</summary>
    public async Task<UInt256?> MaxPriorityFeeAsync()
    {
        RpcResponse r = await CallAsync("eth_maxPriorityFeePerGas", "[]").ConfigureAwait(false);
        return r.Ok ? Word(r.Result) : null;
    }

    /// <summary>The block's base fee, or null before London / on nodes without EIP-1559.</summary>
    public async Task<UInt256?> BaseFeeAsync()
    {
        JsonElement b = await CallOkAsync("eth_getBlockByNumber", "[\"latest\",false]").ConfigureAwait(false);
        return b.ValueKind == JsonValueKind.Object && b.TryGetProperty("baseFeePerGas", out JsonElement f) && f.ValueKind == JsonValueKind.String
            ? Word(f) : null;
    }

    public async Task<byte[]> CodeAsync(Address a) =>
        Hex.FromHex((await CallOkAsync("eth_getCode", $"[\"{a}\",\"latest\"]").ConfigureAwait(false)).GetString());

    /// <summary>eth_call at latest; returns the output bytes.</summary>
    public async Task<byte[]> EthCallAsync(Address to, ReadOnlyMemory<byte> data, ulong gas)
    {
        string p = $"[{{\"to\":\"{to}\",\"data\":\"{Hex.ToHex(data.Span)}\",\"gas\":\"0x{gas:x}\"}},\"latest\"]";
        return Hex.FromHex((await CallOkAsync("eth_call", p).ConfigureAwait(false)).GetString());
    }

    public static ulong Quantity(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.String) throw new FormatException($"expected a hex quantity, got {e.GetRawText()}");
        UInt256 v = UInt256.Parse(e.GetString()!);
        if (!v.IsUInt64) throw new FormatException($"quantity {e.GetString()} does not fit in 64 bits");
        return v.U0;
    }

    public static UInt256 Word(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.String) throw new FormatException($"expected a hex quantity, got {e.GetRawText()}");
        return UInt256.Parse(e.GetString()!);
    }

    public ValueTask DisposeAsync() => transport.DisposeAsync();
}
