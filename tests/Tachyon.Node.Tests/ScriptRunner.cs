using System.Diagnostics;
using System.Reflection;
using System.Text;
using Xunit.Abstractions;

namespace Tachyon.Node.Tests;

/// <summary>Runs a tests/e2e script with `node`, echoing every line into the test output; kills it on time-out.</summary>
internal static class ScriptRunner
{
    public static string ScriptDir => Metadata("E2eScriptDir");

    public static string Metadata(string key) =>
        typeof(ScriptRunner).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"assembly metadata {key} missing");

    /// <summary>Fails (with the whole output) unless node is installed, the npm packages are, and the script exits 0.</summary>
    public static async Task RunAsync(ITestOutputHelper output, string script, Uri http, Uri ws, TimeSpan timeout)
    {
        string dir = ScriptDir;
        Assert.True(Directory.Exists(Path.Combine(dir, "node_modules", "ethers")),
            $"{dir}node_modules is missing: run `npm ci --prefix tests/e2e` (scripts/test.sh does)");
        var psi = new ProcessStartInfo("node", [Path.Combine(dir, script)])
        {
            WorkingDirectory = dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.Environment["RPC_URL"] = http.ToString();
        psi.Environment["WS_URL"] = ws.ToString();
        var log = new StringBuilder();
        using var process = new Process { StartInfo = psi };
        void Echo(string? line, string prefix)
        {
            if (line == null) return;
            lock (log) log.AppendLine(prefix + line);
            output.WriteLine(prefix + line);
        }
        process.OutputDataReceived += (_, e) => Echo(e.Data, "");
        process.ErrorDataReceived += (_, e) => Echo(e.Data, "stderr: ");
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail($"cannot start `node` (Node.js is required for the e2e tests): {e.Message}");
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"{script} timed out after {timeout.TotalSeconds:F0} s; output:\n{log}");
        }
        process.WaitForExit(); // drains the redirected streams
        Assert.True(process.ExitCode == 0, $"{script} exited {process.ExitCode}; output:\n{log}");
    }
}
