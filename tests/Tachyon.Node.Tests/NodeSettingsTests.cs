using Tachyon.Node.Host;
using Tachyon.State.Storage;

namespace Tachyon.Node.Tests;

public class NodeSettingsTests
{
    private static readonly Dictionary<string, string?> NoEnvironment = new();

    private static NodeSettings Parse(params string[] args) => NodeSettings.Parse(args, NoEnvironment);

    [Fact]
    public void DefaultsMatchTheReadme()
    {
        NodeSettings s = Parse("--dev");
        Assert.True(s.Dev);
        Assert.Equal("./tachyon-data", s.DataDir);
        Assert.Equal("127.0.0.1", s.HttpAddr);
        Assert.Equal(8545, s.HttpPort);
        Assert.Equal(10, s.MiniBlockMs);
        Assert.Equal(1000, s.BlockMs);
        Assert.Null(s.ChainId);
        Assert.Equal(10, s.DevAccounts);
        Assert.Equal(DurabilityMode.Sync, s.Durability);
        Assert.Equal(1, s.ExecThreads);
    }

    [Fact]
    public void OptionsTakeSpaceOrEqualsValues()
    {
        NodeSettings s = Parse("--datadir", "/tmp/x", "--http.port=0", "--block-ms", "500", "--mini-block-ms=5", "--chain-id", "7", "--durability", "async", "--exec-threads", "4");
        Assert.Equal("/tmp/x", s.DataDir);
        Assert.Equal(0, s.HttpPort);
        Assert.Equal(500, s.BlockMs);
        Assert.Equal(5, s.MiniBlockMs);
        Assert.Equal(7UL, s.ChainId);
        Assert.Equal(DurabilityMode.Async, s.Durability);
        Assert.Equal(4, s.ExecThreads);
    }

    [Fact]
    public void CommandLineBeatsEnvironmentBeatsConfigFile()
    {
        string file = Path.Combine(Path.GetTempPath(), "tachyon-config-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(file, """{ "DataDir": "from-file", "BlockMs": 700, "Http": { "Port": 9000, "Addr": "0.0.0.0" } }""");
        try
        {
            var env = new Dictionary<string, string?> { ["BlockMs"] = "600", ["Http:Port"] = "9100" };
            NodeSettings s = NodeSettings.Parse(["--config", file, "--http.port", "9200"], env);
            Assert.Equal("from-file", s.DataDir);  // file only
            Assert.Equal("0.0.0.0", s.HttpAddr);   // file only
            Assert.Equal(600, s.BlockMs);          // environment over file
            Assert.Equal(9200, s.HttpPort);        // command line over both
        }
        finally { File.Delete(file); }
    }

    [Theory]
    [InlineData("unknown option '--frob'", "--frob")]
    [InlineData("needs a value", "--datadir")]
    [InlineData("is not a whole number", "--http.port", "abc")]
    [InlineData("outside 0..65535", "--http.port", "70000")]
    [InlineData("must not exceed --block-ms", "--mini-block-ms", "2000", "--block-ms", "1000")]
    [InlineData("sync or async", "--durability", "sometimes")]
    [InlineData("does not exist", "--config", "/nonexistent/tachyon.json")]
    [InlineData("outside 1..", "--chain-id", "0")]
    [InlineData("outside 1..256", "--exec-threads", "0")]
    public void BadOptionsSayWhatIsWrong(string message, params string[] args)
    {
        var e = Assert.Throws<OptionException>(() => Parse(args));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void DevChainHasTheMnemonicAccountsAndAStableGenesis()
    {
        NodeSettings s = Parse("--dev", "--accounts", "3", "--balance", "5");
        var accounts = DevChain.Accounts(s);
        Assert.Equal(3, accounts.Count);
        Assert.Equal("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", accounts[0].Address.ToChecksumString());
        var g1 = DevChain.Genesis(s, accounts);
        var g2 = DevChain.Genesis(s, accounts);
        Assert.Equal(31337UL, g1.Config.ChainId);
        Assert.Equal(0UL, g1.Timestamp);
        Assert.Equal(3, g1.Alloc.Count);
        Assert.Equal(DevChain.BalanceWei(s), g1.Alloc[accounts[0].Address].Balance);
        Assert.Equal(g1.ToHeader(Tachyon.Core.Types.Hash256.Zero).Hash, g2.ToHeader(Tachyon.Core.Types.Hash256.Zero).Hash);
    }
}
