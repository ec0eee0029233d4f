using Tachyon.Load.Cli;
using Tachyon.Load.Load;

namespace Tachyon.Load.Tests;

public class LoadOptionsTests
{
    private static string Error(params string[] args) => Assert.Throws<UsageException>(() => LoadOptions.Parse(args)).Message;

    [Fact]
    public void Full_command_line_parses()
    {
        LoadOptions o = LoadOptions.Parse(["--rpc", "http://127.0.0.1:8545", "--workload", "erc20", "--accounts", "50", "--rate", "2000",
            "--duration", "3", "--connections", "8", "--ws", "--sync", "--json", "r.json", "--plot", "r.png", "--key",
            "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d"]);
        Assert.Equal(WorkloadKind.Erc20, o.Workload);
        Assert.Equal(50, o.Accounts);
        Assert.Equal(2000, o.Rate);
        Assert.False(o.Max);
        Assert.Equal(8, o.Connections);
        Assert.True(o.Sync);
        Assert.Equal("ws://127.0.0.1:8545/", o.SendUrl.ToString());
        Assert.Equal("http://127.0.0.1:8545/", o.HttpUrl.ToString());
        Assert.Equal(120, o.Rounds); // 2000 tx/s × 3 s over 50 accounts
    }

    [Fact]
    public void Max_mode_budget_defaults_to_10k_per_second()
    {
        LoadOptions o = LoadOptions.Parse(["--rpc", "ws://h:1", "--max", "--duration", "2", "--accounts", "100"]);
        Assert.Equal(200, o.Rounds);
        Assert.Equal(64, o.InFlightOrDefault);
        Assert.Equal("http://h:1/", o.HttpUrl.ToString());
        Assert.Equal(5, LoadOptions.Parse(["--rpc", "ws://h:1", "--max", "--txs", "500", "--accounts", "100"]).Rounds);
    }

    [Theory]
    [InlineData(new[] { "--max" }, "--rpc URL is required")]
    [InlineData(new[] { "--rpc", "http://h:1" }, "exactly one of --rate")]
    [InlineData(new[] { "--rpc", "http://h:1", "--max", "--rate", "5" }, "exactly one of --rate")]
    [InlineData(new[] { "--rpc", "ftp://h:1", "--max" }, "must be an http://")]
    [InlineData(new[] { "--rpc", "http://h:1", "--max", "--workload", "nft" }, "--workload must be transfer, erc20 or swap")]
    [InlineData(new[] { "--rpc", "http://h:1", "--max", "--accounts", "0" }, "--accounts must be an integer from 1")]
    [InlineData(new[] { "--rpc", "http://h:1", "--max", "--accounts", "ten" }, "not 'ten'")]
    [InlineData(new[] { "--rpc", "http://h:1", "--rate", "-3" }, "--rate must be a number")]
    [InlineData(new[] { "--rpc", "http://h:1", "--max", "--duration" }, "--duration needs a value")]
    [InlineData(new[] { "--rpc", "http://h:1", "--max", "--key", "0x1234" }, "32-byte hex private key")]
    [InlineData(new[] { "--rpc", "http://h:1", "--max", "--key", "0x0000000000000000000000000000000000000000000000000000000000000000" }, "not a valid secp256k1")]
    [InlineData(new[] { "--rpc", "http://h:1", "--max", "--plot", "out.svg" }, "--plot must name a .png")]
    [InlineData(new[] { "--rpc", "http://h:1", "--max", "--bogus" }, "unknown option '--bogus'")]
    [InlineData(new[] { "--rpc", "http://h:1", "--rate", "10", "--txs", "5" }, "--txs is for --max")]
    [InlineData(new[] { "--rpc", "http://h:1", "--rate", "10000000", "--duration", "86400" }, "more than 50 million")]
    public void Bad_command_lines_are_refused_with_the_reason(string[] args, string expected) =>
        Assert.Contains(expected, Error(args));
}
