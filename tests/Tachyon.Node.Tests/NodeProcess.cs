using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Tachyon.Node.Tests;

/// <summary>
/// The real `tachyon --dev` executable (src/Tachyon.Node's build output, run with `dotnet tachyon.dll`) on a
/// data directory and a free port. Its output is echoed into the test output; a hung process is killed.
/// </summary>
internal sealed partial class NodeProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly StringBuilder _log;

    private NodeProcess(Process process, StringBuilder log)
    {
        _process = process;
        _log = log;
    }

    public Uri HttpUri { get; private set; } = null!;
    public Uri WebSocketUri { get; private set; } = null!;

    /// <summary>Everything the node printed so far (for failure messages).</summary>
    public string Log { get { lock (_log) return _log.ToString(); } }

    [GeneratedRegex(@"JSON-RPC listening on (http://\S+) and (ws://\S+)")]
    private static partial Regex ListeningLine();

    public static async Task<NodeProcess> StartAsync(ITestOutputHelper output, string dataDir)
    {
        string dll = Path.Combine(ScriptRunner.Metadata("TachyonNodeOutput"), "tachyon.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing (build src/Tachyon.Node in the same configuration)");
        var psi = new ProcessStartInfo("dotnet", [dll, "--dev", "--datadir", dataDir, "--http.port", "0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var log = new StringBuilder();
        var listening = new TaskCompletionSource<Match>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        void Echo(string? line, string prefix)
        {
            if (line == null) return;
            lock (log) log.AppendLine(prefix + line);
            try { output.WriteLine(prefix + line); } catch (InvalidOperationException) { } // the test already ended
            Match m = ListeningLine().Match(line);
            if (m.Success) listening.TrySetResult(m);
        }
        process.OutputDataReceived += (_, e) => Echo(e.Data, "node: ");
        process.ErrorDataReceived += (_, e) => Echo(e.Data, "node stderr: ");
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("the node exited before listening"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var node = new NodeProcess(process, log);
        try
        {
            Match m = await listening.Task.WaitAsync(StartTimeout);
            node.HttpUri = new Uri(m.Groups[1].Value);
            node.WebSocketUri = new Uri(m.Groups[2].Value);
            return node;
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            await node.KillAsync();
            Assert.Fail($"tachyon did not print its listening line ({e.Message}); output:\n{node.Log}");
            throw;
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SysKill(int pid, int signal);

    /// <summary>SIGTERM (the clean shutdown path) and waits; fails when it does not exit 0 in time.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited) Assert.Fail($"tachyon exited early ({_process.ExitCode}); output:\n{Log}");
        Assert.Equal(0, SysKill(_process.Id, 15));
        using var cts = new CancellationTokenSource(StopTimeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
            Assert.Fail($"tachyon did not stop within {StopTimeout.TotalSeconds:F0} s of SIGTERM; output:\n{Log}");
        }
        _process.WaitForExit(); // drains the redirected output
        Assert.True(_process.ExitCode == 0, $"tachyon exited {_process.ExitCode} after SIGTERM; output:\n{Log}");
    }

    private async Task KillAsync()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }
}
