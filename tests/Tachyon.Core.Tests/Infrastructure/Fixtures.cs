namespace Tachyon.Core.Tests.Infrastructure;

/// <summary>
/// Locates the official fixtures in ../shared/fixtures next to the repository root
/// (override with TACHYON_FIXTURES). A missing folder fails the test: no silent skips.
/// </summary>
public static class Fixtures
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "Tachyon.sln")))
                dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("cannot find the repository root (Tachyon.sln) above " + AppContext.BaseDirectory);
        }
    }

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        string? env = Environment.GetEnvironmentVariable("TACHYON_FIXTURES");
        if (!string.IsNullOrEmpty(env))
        {
            if (!Directory.Exists(env)) throw new DirectoryNotFoundException($"TACHYON_FIXTURES={env} does not exist");
            return env;
        }
        string candidate = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "fixtures"));
        if (!Directory.Exists(candidate))
            throw new DirectoryNotFoundException($"fixtures not found at {candidate}; set TACHYON_FIXTURES");
        return candidate;
    }

    /// <summary>
    /// Reads a known-failures file (tests/known-failures/NAME.txt): one case id per line, then
    /// " # reason". Lines starting with '#' are comments.
    /// </summary>
    public static IReadOnlyDictionary<string, string> KnownFailures(string name)
    {
        string path = Path.Combine(RepoRoot, "tests", "known-failures", name + ".txt");
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(path)) return result;
        foreach (string raw in File.ReadLines(path))
        {
            string line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            int hash = line.IndexOf(" #", StringComparison.Ordinal);
            if (hash < 0) throw new FormatException($"{path}: every known failure needs a reason after ' # ': {line}");
            result[line[..hash].Trim()] = line[(hash + 2)..].Trim();
        }
        return result;
    }
}
