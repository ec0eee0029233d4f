using System.Text.Json;
using Tachyon.Core.Numerics;
using Tachyon.Core.Types;

namespace Tachyon.Core.Chain;

/// <summary>Reads a geth-style genesis.json. Unknown keys are ignored; known ones are checked strictly.</summary>
internal static class GenesisJson
{
    public static Genesis Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            long line = (e.LineNumber ?? 0) + 1, column = (e.BytePositionInLine ?? 0) + 1;
            throw new GenesisFormatException($"{source}: not valid JSON at line {line}, byte {column}: {e.Message}", e);
        }
        using (document)
        {
            var root = new JsonFields(document.RootElement, "", source);
            JsonFields config = root.Object("config") ?? throw root.Error("config", "required field is missing");
            return new Genesis
            {
                Config = ReadConfig(config),
                Alloc = ReadAlloc(root.Object("alloc")),
                Nonce = root.UInt64("nonce") ?? 0,
                Timestamp = root.UInt64("timestamp") ?? 0,
                ExtraData = root.Bytes("extraData") ?? [],
                GasLimit = root.UInt64("gasLimit") ?? throw root.Error("gasLimit", "required field is missing"),
                Difficulty = root.UInt256("difficulty") ?? UInt256.Zero,
                MixHash = root.Hash("mixHash") ?? Hash256.Zero,
                Coinbase = root.Address("coinbase") ?? Address.Zero,
                BaseFeePerGas = root.UInt256("baseFeePerGas"),
                ExcessBlobGas = root.UInt64("excessBlobGas"),
                BlobGasUsed = root.UInt64("blobGasUsed"),
                Number = root.UInt64("number") ?? 0,
                GasUsed = root.UInt64("gasUsed") ?? 0,
                ParentHash = root.Hash("parentHash") ?? Hash256.Zero,
            };
        }
    }

    private static ChainConfig ReadConfig(JsonFields c)
    {
        var config = new ChainConfig
        {
            ChainId = c.UInt64("chainId") ?? throw c.Error(c.PathOf("chainId"), "required field is missing"),
            HomesteadBlock = c.UInt64("homesteadBlock"),
            Eip150Block = c.UInt64("eip150Block"),
            Eip155Block = c.UInt64("eip155Block"),
            Eip158Block = c.UInt64("eip158Block"),
            ByzantiumBlock = c.UInt64("byzantiumBlock"),
            ConstantinopleBlock = c.UInt64("constantinopleBlock"),
            PetersburgBlock = c.UInt64("petersburgBlock"),
            IstanbulBlock = c.UInt64("istanbulBlock"),
            MuirGlacierBlock = c.UInt64("muirGlacierBlock"),
            BerlinBlock = c.UInt64("berlinBlock"),
            LondonBlock = c.UInt64("londonBlock"),
            ArrowGlacierBlock = c.UInt64("arrowGlacierBlock"),
            GrayGlacierBlock = c.UInt64("grayGlacierBlock"),
            MergeNetsplitBlock = c.UInt64("mergeNetsplitBlock"),
            TerminalTotalDifficulty = c.UInt256("terminalTotalDifficulty"),
            ShanghaiTime = c.UInt64("shanghaiTime"),
            CancunTime = c.UInt64("cancunTime"),
            PragueTime = c.UInt64("pragueTime"),
            DepositContractAddress = c.Address("depositContractAddress"),
            BlobSchedule = ReadBlobSchedule(c.Object("blobSchedule")),
        };
        try
        {
            config.Validate();
        }
        catch (InvalidOperationException e)
        {
            throw c.Error(c.Path, e.Message);
        }
        return config;
    }

    // Entries for forks Tachyon does not know (later forks, blob-parameter-only forks) are ignored,
    // as are numeric keys, which Enum.TryParse would otherwise accept as fork numbers.
    private static Dictionary<Fork, BlobScheduleEntry> ReadBlobSchedule(JsonFields? schedule)
    {
        var result = new Dictionary<Fork, BlobScheduleEntry>();
        if (schedule is null) return result;
        foreach ((string name, JsonElement value) in schedule.Members)
        {
            if (!Enum.TryParse(name, ignoreCase: true, out Fork fork) || int.TryParse(name, out _) || fork < Fork.Cancun) continue;
            JsonFields e = schedule.Child(name, value);
            result[fork] = new BlobScheduleEntry(
                e.UInt64("target") ?? throw e.Error(e.PathOf("target"), "required field is missing"),
                e.UInt64("max") ?? throw e.Error(e.PathOf("max"), "required field is missing"),
                e.UInt64("baseFeeUpdateFraction") ?? throw e.Error(e.PathOf("baseFeeUpdateFraction"), "required field is missing"));
        }
        return result;
    }

    private static Dictionary<Address, GenesisAccount> ReadAlloc(JsonFields? alloc)
    {
        var result = new Dictionary<Address, GenesisAccount>();
        if (alloc is null) return result;
        foreach ((string key, JsonElement value) in alloc.Members)
        {
            string path = alloc.PathOf(key);
            Address address = alloc.ParseAddress(key, path);
            JsonFields a = alloc.Child(key, value);
            var account = new GenesisAccount
            {
                Balance = a.UInt256("balance") ?? throw a.Error(a.PathOf("balance"), "required field is missing"),
                Nonce = a.UInt64("nonce") ?? 0,
                Code = a.Bytes("code") ?? [],
                Storage = ReadStorage(a.Object("storage")),
            };
            // One address can be spelled with and without 0x (letter case is caught as a duplicate key).
            if (!result.TryAdd(address, account)) throw alloc.Error(path, "address appears more than once");
        }
        return result;
    }

    private static Dictionary<Hash256, Hash256> ReadStorage(JsonFields? storage)
    {
        var result = new Dictionary<Hash256, Hash256>();
        if (storage is null) return result;
        foreach ((string key, JsonElement value) in storage.Members)
        {
            string path = storage.PathOf(key);
            Hash256 slot = storage.ToWord(key, path);
            if (value.ValueKind != JsonValueKind.String) throw storage.Error(path, "storage value must be a hex string");
            if (!result.TryAdd(slot, storage.ToWord(value.GetString()!, path)))
                throw storage.Error(path, "storage slot appears more than once");
        }
        return result;
    }
}
