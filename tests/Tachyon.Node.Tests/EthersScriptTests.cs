using Xunit.Abstractions;

namespace Tachyon.Node.Tests;

/// <summary>The ethers.js v6 scripts of tests/e2e against the real `tachyon --dev` executable.</summary>
public sealed class EthersScriptTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("erc20.mjs")]
    [InlineData("errors.mjs")]
    [InlineData("clients.mjs")]
    public async Task Script(string script)
    {
        using var dir = new ScratchDir();
        await using NodeProcess node = await NodeProcess.StartAsync(output, dir.Path);
        await ScriptRunner.RunAsync(output, script, node.HttpUri, node.WebSocketUri, TimeSpan.FromMinutes(2));
        await node.StopAsync();
    }
}
