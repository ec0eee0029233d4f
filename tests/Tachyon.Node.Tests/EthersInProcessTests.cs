using Xunit.Abstractions;

namespace Tachyon.Node.Tests;

/// <summary>The ethers.js v6 scripts of tests/e2e against a sequencer and RPC server in this process.</summary>
public sealed class EthersInProcessTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("erc20.mjs")]
    [InlineData("errors.mjs")]
    public async Task Script(string script)
    {
        await using InProcessNode node = await InProcessNode.StartAsync();
        await ScriptRunner.RunAsync(output, script, node.HttpUri, node.WebSocketUri, TimeSpan.FromMinutes(2));
    }
}
