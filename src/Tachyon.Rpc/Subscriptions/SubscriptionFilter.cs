using System.Text.Json;
using Tachyon.Core.Types;
using Tachyon.Rpc.Backend;
using Tachyon.Rpc.Json;

namespace Tachyon.Rpc.Subscriptions;

/// <summary>What a subscription lets through: a log filter (logs) or an address set (stateChanges).</summary>
public sealed class SubscriptionFilter
{
    public static readonly SubscriptionFilter None = new(null, []);

    private SubscriptionFilter(LogQuery? logs, IReadOnlyList<Address> addresses)
    {
        Logs = logs;
        Addresses = addresses;
    }

    public LogQuery? Logs { get; }

    /// <summary>Empty means every account.</summary>
    public IReadOnlyList<Address> Addresses { get; }

    public static SubscriptionFilter ForLogs(LogFilter? filter)
    {
        if (filter is null) return new SubscriptionFilter(new LogQuery(0, ulong.MaxValue, [], []), []);
        // Block bounds make no sense for a live feed and are ignored (as geth does).
        return new SubscriptionFilter(new LogQuery(0, ulong.MaxValue, filter.Addresses, filter.Topics), []);
    }

    public static SubscriptionFilter ForStateChanges(JsonElement? e, string path)
    {
        if (e is not { } value) return None;
        if (value.ValueKind == JsonValueKind.Array) return new SubscriptionFilter(null, ParseAddresses(value, path));
        if (value.ValueKind != JsonValueKind.Object) throw JsonArgs.Invalid(path, "expected {addresses: [...]} or an array of addresses");
        if (!value.TryGetProperty("addresses", out JsonElement list) || list.ValueKind == JsonValueKind.Null) return None;
        return new SubscriptionFilter(null, ParseAddresses(list, path + ".addresses"));
    }

    private static Address[] ParseAddresses(JsonElement e, string path)
    {
        if (e.ValueKind != JsonValueKind.Array) throw JsonArgs.Invalid(path, "expected an array of addresses");
        var result = new Address[e.GetArrayLength()];
        int i = 0;
        foreach (JsonElement a in e.EnumerateArray()) { result[i] = JsonArgs.Address(a, $"{path}[{i}]"); i++; }
        return result;
    }

    public bool AcceptsAccount(Address address)
    {
        if (Addresses.Count == 0) return true;
        foreach (Address a in Addresses)
            if (a == address) return true;
        return false;
    }
}
