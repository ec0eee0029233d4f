using Tachyon.Core.Tests.Infrastructure;
using Tachyon.Evm.StateTests;

namespace Tachyon.Evm.Tests;

public class StateTestCommandTests
{
    [Fact]
    public void RunsAFolderAndEndsWithTheSummaryLine()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int rc = StateTestRunner.Main(["--fork", "Cancun", Fixtures.Combine("ethereum-tests", "GeneralStateTests", "stExample")], stdout, stderr);
        string[] lines = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(0, rc);
        Assert.Matches(@"^\d+ passed, 0 failed$", lines[^1].TrimEnd('\r'));
    }

    [Fact]
    public void TraceWritesEip3155Lines()
    {
        var stdout = new StringWriter();
        var trace = new StringWriter();
        int rc = StateTestRunner.Main(["--trace", Fixtures.Combine("ethereum-tests", "GeneralStateTests", "stExample", "add11.json")], stdout, trace);
        Assert.Equal(0, rc);
        string t = trace.ToString();
        Assert.Contains("\"opName\":\"ADD\"", t);
        Assert.Contains("\"stateRoot\":\"0x", t);
    }

    [Fact]
    public void UnknownForkIsAUsageError()
    {
        int rc = StateTestRunner.Main(["--fork", "Frontier", "x"], new StringWriter(), new StringWriter());
        Assert.Equal(2, rc);
    }
}
