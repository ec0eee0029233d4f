using Tachyon.Core.Blocks;
using Tachyon.Core.Chain;
using Tachyon.Core.Numerics;
using Tachyon.Core.Types;

namespace Tachyon.Core.Tests.Chain;

public class GenesisTests
{
    private const string Zero32 = "0x0000000000000000000000000000000000000000000000000000000000000000";

    internal const string DevGenesis = """
    {
      "config": {
        "chainId": 1337,
        "homesteadBlock": 0, "eip150Block": 0, "eip155Block": 0, "eip158Block": 0,
        "byzantiumBlock": 0, "constantinopleBlock": 0, "petersburgBlock": 0, "istanbulBlock": 0,
        "muirGlacierBlock": 0, "berlinBlock": 0, "londonBlock": 0, "arrowGlacierBlock": 0, "grayGlacierBlock": 0,
        "terminalTotalDifficulty": 0,
        "terminalTotalDifficultyPassed": true,
        "shanghaiTime": 0,
        "cancunTime": 0,
        "pragueTime": 1800000000,
        "depositContractAddress": "0x00000000219ab540356cbb839cbe05303d7705fa",
        "blobSchedule": {
          "cancun": { "target": 3, "max": 6, "baseFeeUpdateFraction": 3338477 },
          "prague": { "target": 6, "max": 9, "baseFeeUpdateFraction": 5007716 },
          "osaka": { "target": 9, "max": 12, "baseFeeUpdateFraction": 5007716 }
        },
        "ethash": {},
        "someFutureKey": [1, 2, 3]
      },
      "nonce": "0x0",
      "timestamp": "0x0",
      "extraData": "0x7461636879",
      "gasLimit": "0x1c9c380",
      "difficulty": "0x0",
      "mixHash": "0x0000000000000000000000000000000000000000000000000000000000000000",
      "coinbase": "0x0000000000000000000000000000000000000000",
      "alloc": {
        "0x71562b71999873DB5b286dF957af199Ec94617F7": { "balance": "1000000000000000000000", "nonce": "0x5" },
        "8a8eafb1cf62bfbeb1741769dae1a9dd47996192": {
          "balance": "0x10",
          "code": "0x6000",
          "storage": {
            "0x00": "0x01",
            "0x0000000000000000000000000000000000000000000000000000000000000002": "0xff"
          },
          "privateKey": "ignored"
        }
      },
      "number": "0x0",
      "gasUsed": "0x0",
      "parentHash": "0x0000000000000000000000000000000000000000000000000000000000000000",
      "baseFeePerGas": null,
      "excessBlobGas": null,
      "blobGasUsed": null
    }
    """;

    [Fact]
    public void ParsesGethGenesis()
    {
        Genesis g = Genesis.Parse(DevGenesis);
        Assert.Equal(1337UL, g.Config.ChainId);
        Assert.Equal(0UL, g.Config.LondonBlock);
        Assert.Equal(1800000000UL, g.Config.PragueTime);
        Assert.Equal(UInt256.Zero, g.Config.TerminalTotalDifficulty);
        Assert.Equal(Address.Parse("0x00000000219ab540356cbb839cbe05303d7705fa"), g.Config.DepositContractAddress);
        Assert.Equal(2, g.Config.BlobSchedule.Count); // osaka ignored
        Assert.Equal(new BlobScheduleEntry(6, 9, 5007716), g.Config.GetBlobSchedule(Fork.Prague));
        Assert.Equal(30_000_000UL, g.GasLimit);
        Assert.Equal(Hex.FromHex("0x7461636879"), g.ExtraData.ToArray());
        Assert.Null(g.BaseFeePerGas);

        Assert.Equal(2, g.Alloc.Count);
        GenesisAccount rich = g.Alloc[Address.Parse("0x71562b71999873db5b286df957af199ec94617f7")];
        Assert.Equal(new UInt256(0x35C9ADC5DEA00000, 0x36), rich.Balance); // 1000 ether = 0x3635c9adc5dea00000
        Assert.Equal(5UL, rich.Nonce);
        GenesisAccount contract = g.Alloc[Address.Parse("0x8a8eafb1cf62bfbeb1741769dae1a9dd47996192")];
        Assert.Equal(new UInt256(16), contract.Balance);
        Assert.Equal(new byte[] { 0x60, 0x00 }, contract.Code.ToArray());
        Assert.Equal(2, contract.Storage.Count);
        Assert.Equal(Hash256.Parse("0x" + new string('0', 63) + "1"), contract.Storage[Hash256.Zero]);
        Assert.Equal(Hash256.Parse("0x" + new string('0', 62) + "ff"), contract.Storage[Hash256.Parse("0x" + new string('0', 63) + "2")]);
    }

    [Fact]
    public void CancunGenesisHeader()
    {
        Genesis g = Genesis.Parse(DevGenesis);
        Assert.Equal(Fork.Cancun, g.Fork);
        Hash256 stateRoot = Hash256.Parse("0x" + new string('a', 64));
        BlockHeader h = g.ToHeader(stateRoot);
        Assert.Equal(20, h.FieldCount);
        Assert.Equal(stateRoot, h.StateRoot);
        Assert.Equal(Hash256.EmptyListHash, h.OmmersHash);
        Assert.Equal(Hash256.EmptyTrieRoot, h.TransactionsRoot);
        Assert.Equal(Hash256.EmptyTrieRoot, h.ReceiptsRoot);
        Assert.Equal(new UInt256(Genesis.InitialBaseFee), h.BaseFeePerGas);
        Assert.Equal(Hash256.EmptyTrieRoot, h.WithdrawalsRoot);
        Assert.Equal(0UL, h.BlobGasUsed);
        Assert.Equal(0UL, h.ExcessBlobGas);
        Assert.Equal(Hash256.Zero, h.ParentBeaconBlockRoot);
        Assert.Null(h.RequestsHash);
        Assert.Equal(h.Encode(), BlockHeader.Decode(h.Encode()).Encode());

        Block block = g.ToBlock(stateRoot);
        Assert.NotNull(block.Withdrawals);
        Assert.Equal(h.Hash, Block.Decode(block.Encode()).Hash);
    }

    [Fact]
    public void PragueGenesisHeaderHasEmptyRequestsHash()
    {
        Genesis g = Genesis.Parse(DevGenesis.Replace("\"pragueTime\": 1800000000", "\"pragueTime\": 0")
            .Replace("\"baseFeePerGas\": null", "\"baseFeePerGas\": \"7\"")
            .Replace("\"excessBlobGas\": null", "\"excessBlobGas\": \"0x60000\""));
        BlockHeader h = g.ToHeader(Hash256.EmptyTrieRoot);
        Assert.Equal(21, h.FieldCount);
        Assert.Equal("0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", h.RequestsHash.ToString());
        Assert.Equal(new UInt256(7), h.BaseFeePerGas);
        Assert.Equal(0x60000UL, h.ExcessBlobGas);
    }

    [Fact]
    public void LondonGenesisHeaderHasOnlyBaseFee()
    {
        Genesis g = Genesis.Parse(DevGenesis
            .Replace("\"shanghaiTime\": 0,", "").Replace("\"cancunTime\": 0,", "").Replace("\"pragueTime\": 1800000000,", "")
            .Replace("\"terminalTotalDifficulty\": 0", "\"terminalTotalDifficulty\": 1000000"));
        Assert.Equal(Fork.GrayGlacier, g.Fork);
        Assert.Equal(16, g.ToHeader(Hash256.EmptyTrieRoot).FieldCount);
    }

    [Fact]
    public void MainnetGenesisFromJson()
    {
        const string json = """
        {
          "config": { "chainId": 1, "homesteadBlock": 1150000, "daoForkBlock": 1920000, "eip150Block": 2463000,
                      "eip155Block": 2675000, "eip158Block": 2675000, "byzantiumBlock": 4370000,
                      "constantinopleBlock": 7280000, "petersburgBlock": 7280000, "istanbulBlock": 9069000,
                      "muirGlacierBlock": 9200000, "berlinBlock": 12244000, "londonBlock": 12965000,
                      "arrowGlacierBlock": 13773000, "grayGlacierBlock": 15050000,
                      "terminalTotalDifficulty": 58750000000000000000000,
                      "shanghaiTime": 1681338455, "cancunTime": 1710338135, "pragueTime": 1746612311 },
          "nonce": "0x42",
          "timestamp": "0x0",
          "extraData": "0x11bbe8db4e347b4e8c937c1c8370e4b5ed33adb3db69cbdb7a38e1e50b1b82fa",
          "gasLimit": "0x1388",
          "difficulty": "0x400000000",
          "alloc": {}
        }
        """;
        Genesis g = Genesis.Parse(json);
        Assert.Equal(Fork.Frontier, g.Fork);
        BlockHeader h = g.ToHeader(Hash256.Parse("0xd7f8974fb5ac78d9ac099b9ad5018bedc2ce0a72dad1827a1709da30580f0544"));
        Assert.Equal("0xd4e56740f876aef8c010b86a40d5f56745a118d0906a34e69aec8c0db1cb8fa3", h.Hash.ToString());
        Assert.Equal(UInt256.FromBigEndian(System.Numerics.BigInteger.Parse("58750000000000000000000").ToByteArray(true, true)),
            g.Config.TerminalTotalDifficulty);
    }

    [Fact]
    public void NumbersMayBeJsonNumbersOrStringsWithLeadingZeros()
    {
        Genesis g = Genesis.Parse("""
            { "config": { "chainId": "0x01" }, "gasLimit": "0x00000000000000000000000000000000000000000000000000000000000000000000000000000010",
              "timestamp": 1234, "number": "007", "difficulty": "0X1f" }
            """);
        Assert.Equal(1UL, g.Config.ChainId);
        Assert.Equal(16UL, g.GasLimit);
        Assert.Equal(1234UL, g.Timestamp);
        Assert.Equal(7UL, g.Number);
        Assert.Equal(new UInt256(31), g.Difficulty);
        Assert.Empty(g.Alloc);
    }

    [Fact]
    public void LoadNamesTheFileInErrors()
    {
        string path = Path.Combine(Path.GetTempPath(), $"tachyon-genesis-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, "{ \"config\": { \"chainId\": 1 }, \"gasLimit\": \"0x10\", \"difficulty\": \"-1\" }");
        try
        {
            var e = Assert.Throws<GenesisFormatException>(() => Genesis.Load(path));
            Assert.StartsWith(path + ": difficulty:", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("{ \"config\": ", "not valid JSON at line 1")]
    [InlineData("[1, 2]", "genesis: expected a JSON object, got an array")]
    [InlineData("{ \"gasLimit\": 1 }", "config: required field is missing")]
    [InlineData("{ \"config\": {}, \"gasLimit\": 1 }", "config.chainId: required field is missing")]
    [InlineData("{ \"config\": { \"chainId\": 1 } }", "gasLimit: required field is missing")]
    [InlineData("{ \"config\": { \"chainId\": \"0xzz\" }, \"gasLimit\": 1 }", "config.chainId: \"0xzz\" is not an unsigned integer")]
    [InlineData("{ \"config\": { \"chainId\": 1.5 }, \"gasLimit\": 1 }", "config.chainId: \"1.5\" is not an unsigned integer")]
    [InlineData("{ \"config\": { \"chainId\": 1 }, \"gasLimit\": \"0x10000000000000000\" }", "gasLimit: \"0x10000000000000000\" does not fit in 64 bits")]
    [InlineData("{ \"config\": { \"chainId\": 1 }, \"gasLimit\": 1, \"difficulty\": \"1000000000000000000000000000000000000000000000000000000000000000000000000000000000000\" }", "difficulty: \"1000000000000000000000000000000000000000000000000000000000000000000000000000000000000\" does not fit in 256 bits")]
    [InlineData("{ \"config\": { \"chainId\": 1 }, \"gasLimit\": true }", "gasLimit: expected a number")]
    [InlineData("{ \"config\": { \"chainId\": 1 }, \"gasLimit\": 1, \"mixHash\": \"0x1234\" }", "mixHash: \"0x1234\" is not a 32-byte hex string")]
    [InlineData("{ \"config\": { \"chainId\": 1 }, \"gasLimit\": 1, \"extraData\": \"0x123\" }", "extraData: \"0x123\" is not a 0x-prefixed hex byte string")]
    [InlineData("{ \"config\": { \"chainId\": 1 }, \"gasLimit\": 1, \"coinbase\": 5 }", "coinbase: expected a 20-byte hex address, got the number 5")]
    [InlineData("{ \"config\": { \"chainId\": 1 }, \"gasLimit\": 1, \"difficulty\": \"0x1" + "0000000000000000000000000000000000000000000000000000000000000000\" }", "difficulty: \"0x1" + "0000000000000000000000000000000000000000000000000000000000000000\" does not fit in 256 bits")]
    [InlineData("{ \"config\": { \"chainId\": 1 }, \"gasLimit\": 1, \"alloc\": { \"0x12\": { \"balance\": \"1\" } } }", "alloc.0x12: \"0x12\" is not a 20-byte hex address")]
    [InlineData("{ \"config\": { \"chainId\": 1 }, \"gasLimit\": 1, \"alloc\": { \"0x0000000000000000000000000000000000000001\": { } } }", "alloc.0x0000000000000000000000000000000000000001.balance: required field is missing")]
    [InlineData("{ \"config\": { \"chainId\": 1 }, \"gasLimit\": 1, \"alloc\": { \"0x0000000000000000000000000000000000000001\": { \"balance\": \"12ab\" } } }", "alloc.0x0000000000000000000000000000000000000001.balance: \"12ab\" is not an unsigned integer")]
    [InlineData("{ \"config\": { \"chainId\": 1 }, \"gasLimit\": 1, \"alloc\": { \"0x0000000000000000000000000000000000000001\": { \"balance\": \"1\", \"storage\": { \"0x01\": 5 } } } }", "alloc.0x0000000000000000000000000000000000000001.storage.0x01: storage value must be a hex string")]
    [InlineData("{ \"config\": { \"chainId\": 1 }, \"gasLimit\": 1, \"alloc\": { \"0x00000000000000000000000000000000000000aa\": { \"balance\": \"1\" }, \"00000000000000000000000000000000000000AA\": { \"balance\": \"2\" } } }", "address appears more than once")]
    [InlineData("{ \"config\": { \"chainId\": 1, \"chainID\": 2 }, \"gasLimit\": 1 }", "config.chainID: duplicate key")]
    [InlineData("{ \"config\": { \"chainId\": 1, \"cancunTime\": 0 }, \"gasLimit\": 1 }", "config: cancunTime is set but the earlier fork homesteadBlock is not")]
    [InlineData("{ \"config\": { \"chainId\": 1, \"blobSchedule\": { \"cancun\": { \"target\": 3 } } }, \"gasLimit\": 1 }", "config.blobSchedule.cancun.max: required field is missing")]
    public void MalformedFilesGiveClearErrors(string json, string expected)
    {
        var e = Assert.Throws<GenesisFormatException>(() => Genesis.Parse(json));
        Assert.Contains(expected, e.Message);
    }
}
