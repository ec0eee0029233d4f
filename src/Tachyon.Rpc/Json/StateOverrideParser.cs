using System.Text.Json;
using Tachyon.Core.Types;
using Tachyon.Rpc.Backend;

namespace Tachyon.Rpc.Json;

/// <summary>Parses the eth_call state-override set: {address: {balance, nonce, code, state | stateDiff, movePrecompileToAddress}}.</summary>
public static class StateOverrideParser
{
    public static IReadOnlyDictionary<Address, AccountOverride> Parse(JsonElement e, string path)
    {
        if (e.ValueKind != JsonValueKind.Object) throw JsonArgs.Invalid(path, $"expected a state override object, got {JsonArgs.Describe(e)}");
        var result = new Dictionary<Address, AccountOverride>();
        foreach (JsonProperty account in e.EnumerateObject())
        {
            string at = $"{path}[{account.Name}]";
            string? error = HexParser.TryAddress(account.Name, out Address address);
            if (error is not null) throw JsonArgs.Invalid(at, error);
            if (account.Value.ValueKind != JsonValueKind.Object) throw JsonArgs.Invalid(at, "expected an account override object");
            var o = new AccountOverride();
            foreach (JsonProperty p in account.Value.EnumerateObject())
            {
                if (p.Value.ValueKind == JsonValueKind.Null) continue;
                string field = at + "." + p.Name;
                o = p.Name switch
                {
                    "balance" => o with { Balance = JsonArgs.Quantity256(p.Value, field) },
                    "nonce" => o with { Nonce = JsonArgs.Quantity(p.Value, field) },
                    "code" => o with { Code = JsonArgs.Data(p.Value, field) },
                    "state" => o with { State = Slots(p.Value, field) },
                    "stateDiff" => o with { StateDiff = Slots(p.Value, field) },
                    "movePrecompileToAddress" => o with { MovePrecompileToAddress = JsonArgs.Address(p.Value, field) },
                    _ => throw JsonArgs.Invalid(field, "unknown account override field"),
                };
            }
            if (o.State is not null && o.StateDiff is not null)
                throw JsonArgs.Invalid(at, "has both 'state' and 'stateDiff'");
            result[address] = o;
        }
        return result;
    }

    private static Dictionary<Hash256, Hash256> Slots(JsonElement e, string path)
    {
        if (e.ValueKind != JsonValueKind.Object) throw JsonArgs.Invalid(path, "expected an object of slot: value");
        var slots = new Dictionary<Hash256, Hash256>();
        foreach (JsonProperty p in e.EnumerateObject())
        {
            string? error = HexParser.TryHash(p.Name, out Hash256 key);
            if (error is not null) throw JsonArgs.Invalid($"{path}[{p.Name}]", error);
            slots[key] = JsonArgs.Hash(p.Value, $"{path}[{p.Name}]");
        }
        return slots;
    }
}
