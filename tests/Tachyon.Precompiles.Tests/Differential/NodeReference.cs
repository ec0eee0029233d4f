using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Tachyon.Precompiles.Tests.Differential;

/// <summary>
/// The @noble/curves reference in tests/differential, run as one <c>node</c> child process that
/// answers a batch of JSON-line requests. Installs the pinned npm package (<c>npm ci</c>) when
/// node_modules is missing.
/// </summary>
internal static class NodeReference
{
    public sealed record Reply(bool Ok, byte[] Output, string? Error);

    /// <summary>tests/differential, found by walking up from the test binaries to Tachyon.sln.</summary>
    public static string Directory { get; } = FindDirectory();

    public static bool IsCi =>
        Environment.GetEnvironmentVariable("CI") is { } ci && (ci == "1" || ci.Equals("true", StringComparison.OrdinalIgnoreCase));

    /// <summary>Null when node and the reference package are usable; otherwise why not.</summary>
    public static string? Prepare()
    {
        if (!CanRun("node", "--version")) return "node (Node.js) is not on PATH";
        if (File.Exists(Path.Combine(Directory, "node_modules", "@noble", "curves", "package.json"))) return null;
        if (!CanRun("npm", "--version")) return "npm is not on PATH and tests/differential/node_modules is missing";
        (int rc, string log) = Run("npm", $"ci --prefix \"{Directory}\" --no-audit --no-fund", TimeSpan.FromMinutes(5));
        return rc == 0 ? null : $"npm ci --prefix tests/differential failed ({rc}):\n{log}";
    }

    /// <summary>Sends every request to one node process and returns the replies in order.</summary>
    public static IReadOnlyList<Reply> Evaluate(IReadOnlyList<(string Op, byte[] Input)> requests)
    {
        var psi = new ProcessStartInfo("node", "reference.mjs")
        {
            WorkingDirectory = Directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
        };
        using Process process = Process.Start(psi) ?? throw new InvalidOperationException("could not start node");
        var stderr = new StringBuilder();
        process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (stderr) stderr.AppendLine(e.Data); };
        process.BeginErrorReadLine();

        Task writer = Task.Run(() =>
        {
            using StreamWriter stdin = process.StandardInput;
            foreach ((string op, byte[] input) in requests)
            {
                stdin.Write("{\"op\":\"");
                stdin.Write(op);
                stdin.Write("\",\"inputHex\":\"");
                stdin.Write(Convert.ToHexStringLower(input));
                stdin.Write("\"}\n");
            }
        });

        var replies = new List<Reply>(requests.Count);
        string? line;
        while (replies.Count < requests.Count && (line = process.StandardOutput.ReadLine()) != null)
        {
            using JsonDocument doc = JsonDocument.Parse(line);
            JsonElement root = doc.RootElement;
            replies.Add(new Reply(
                root.GetProperty("ok").GetBoolean(),
                Convert.FromHexString(root.GetProperty("outputHex").GetString() ?? ""),
                root.TryGetProperty("error", out JsonElement e) ? e.GetString() : null));
        }
        writer.GetAwaiter().GetResult();
        if (!process.WaitForExit(30_000)) process.Kill();
        if (replies.Count != requests.Count)
            throw new InvalidOperationException($"node answered {replies.Count} of {requests.Count} requests; stderr:\n{stderr}");
        return replies;
    }

    private static string FindDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Tachyon.sln")))
                return Path.Combine(dir.FullName, "tests", "differential");
        throw new InvalidOperationException("Tachyon.sln not found above " + AppContext.BaseDirectory);
    }

    private static bool CanRun(string file, string args)
    {
        try { return Run(file, args, TimeSpan.FromSeconds(30)).ExitCode == 0; }
        catch (System.ComponentModel.Win32Exception) { return false; }
    }

    private static (int ExitCode, string Log) Run(string file, string args, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(file, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using Process p = Process.Start(psi)!;
        Task<string> err = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit(timeout)) { p.Kill(entireProcessTree: true); return (-1, "timed out"); }
        return (p.ExitCode, output + err.Result);
    }
}
