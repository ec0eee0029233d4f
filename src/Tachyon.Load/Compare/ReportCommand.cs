using System.Globalization;
using System.Text;
using System.Text.Json;
using Tachyon.Load.Cli;

namespace Tachyon.Load.Compare;

/// <summary>
/// `tachyon compare report`: reads the JSON results of one comparison run (hardhat-*.json and
/// tachyon-*.json in one folder), prints a markdown table with Tachyon-vs-Hardhat ratios and
/// replaces the marked section of the benchmarks document with it.
/// </summary>
public static class ReportCommand
{
    public const string Usage = "tachyon compare report --dir DIR [--doc docs/benchmarks.md] [--command TEXT] [--machine TEXT]";
    public const string Begin = "<!-- compare-hardhat:begin (written by scripts/compare-hardhat.sh; edits inside are replaced) -->";
    public const string End = "<!-- compare-hardhat:end -->";

    public static int Main(string[] args)
    {
        string? dir = null, doc = null, command = null, machine = null;
        var r = new ArgReader("compare report", args);
        while (r.Next())
        {
            switch (r.Current)
            {
                case "--dir": dir = r.Value(); break;
                case "--doc": doc = r.Value(); break;
                case "--command": command = r.Value(); break;
                case "--machine": machine = r.Value(); break;
                default: throw r.Unknown();
            }
        }
        if (dir is null) throw new UsageException("--dir DIR is required");
        if (!Directory.Exists(dir)) throw new UsageException($"--dir {dir} does not exist");
        string table = Build(dir, command, machine);
        Console.WriteLine(table);
        if (doc != null)
        {
            File.WriteAllText(doc, ReplaceSection(File.Exists(doc) ? File.ReadAllText(doc) : "", table));
            Console.WriteLine($"written into {doc}");
        }
        return 0;
    }

    /// <summary>Replaces the text between the markers (keeping them), or appends a new section with them.</summary>
    public static string ReplaceSection(string document, string content)
    {
        int b = document.IndexOf(Begin, StringComparison.Ordinal);
        int e = document.IndexOf(End, StringComparison.Ordinal);
        string block = Begin + "\n" + content.TrimEnd('\n') + "\n" + End;
        if (b >= 0 && e > b) return document[..b] + block + document[(e + End.Length)..];
        if (b >= 0 || e >= 0) throw new InvalidDataException("the benchmarks document has only one of the compare-hardhat markers; fix it by hand");
        return document.TrimEnd('\n') + "\n\n## Tachyon vs Hardhat (issue #7)\n\n" + block + "\n";
    }

    public static string Build(string dir, string? command, string? machine)
    {
        var sb = new StringBuilder();
        if (command != null) sb.Append("`").Append(command).Append("`\n\n");
        if (machine != null) sb.Append(machine).Append("\n\n");
        sb.Append("| measurement | Hardhat | Tachyon | Tachyon vs Hardhat |\n|---|---:|---:|---:|\n");
        var goals = new List<string>();
        foreach (string w in new[] { "transfer", "erc20", "transfer-sync", "erc20-sync" })
        {
            JsonElement? h = Read(dir, $"hardhat-{w}.json"), t = Read(dir, $"tachyon-{w}.json");
            if (h is null && t is null) continue;
            string name = (w.StartsWith("transfer", StringComparison.Ordinal) ? "ETH transfers" : "ERC-20 transfers")
                + (w.EndsWith("-sync", StringComparison.Ordinal) ? " with --sync (receipt in the send's answer)" : ", receipts by block polling");
            Row(sb, $"{name}: included tx/s", Num(h, "includedTps"), Num(t, "includedTps"), higherIsBetter: true, "0");
            Row(sb, $"{name}: send → receipt p50 (ms)", Num(h, "latency", "p50"), Num(t, "latency", "p50"), higherIsBetter: false, "0.###");
            Row(sb, $"{name}: send → receipt p99 (ms)", Num(h, "latency", "p99"), Num(t, "latency", "p99"), higherIsBetter: false, "0.###");
        }
        JsonElement? hb = Read(dir, "hardhat-block.json"), tb = Read(dir, "tachyon-block.json");
        double? hbs = Num(hb, "seconds") * 1000, tbs = Num(tb, "seconds") * 1000;
        Row(sb, "10,000 transfers: first send → all receipts (ms)" + MedianOf(hb, tb), hbs, tbs, higherIsBetter: false, "0");
        if (hbs is double x && tbs is double y) goals.Add(Goal($"10k-transfer block ≥ 20x Hardhat: {x / y:0.0}x", x / y >= 20));
        // The same 10k sent in JSON-RPC batches (same batch size on both nodes); the goal stays on the unbatched run.
        JsonElement? hbb = Read(dir, "hardhat-block-batch.json"), tbb = Read(dir, "tachyon-block-batch.json");
        if (Num(tbb ?? hbb, "batch") is double batch)
            Row(sb, $"10,000 transfers in JSON-RPC batches of {batch:0}: first send → all receipts (ms)" + MedianOf(hbb, tbb), Num(hbb, "seconds") * 1000,
                Num(tbb, "seconds") * 1000, higherIsBetter: false, "0");
        foreach (string k in new[] { "sieve", "arith" })
        {
            JsonElement? h = Read(dir, $"hardhat-call-{k}.json"), t = Read(dir, $"tachyon-call-{k}.json");
            string label = (t ?? h) is JsonElement te ? $"eth_call {k}(n={te.GetProperty("n").GetUInt64():N0}), {te.GetProperty("gas").GetInt64():N0} gas: median ms" : $"eth_call {k}: median ms";
            double? hm = Num(h, "medianMs"), tm = Num(t, "medianMs");
            Row(sb, label, hm, tm, higherIsBetter: false, "0.##");
            if (hm is double a && tm is double c) goals.Add(Goal($"eth_call {k} time ≤ Hardhat's: {c:0.##} ms vs {a:0.##} ms", c <= a));
        }
        JsonElement? hp = Read(dir, "hardhat-probe.json"), tp = Read(dir, "tachyon-probe.json");
        foreach (string p in new[] { "p50", "p99", "max" })
            Row(sb, $"probe, one WebSocket, send → receipt {p} (ms)", Num(hp, "latency", p), Num(tp, "latency", p), higherIsBetter: false, "0.###");
        Row(sb, "probe: single-client tx/s", Num(hp, "singleClientTps"), Num(tp, "singleClientTps"), higherIsBetter: true, "0");
        if (Num(tp, "latency", "p50") is double p50 && Num(tp, "latency", "p99") is double p99)
            goals.Add(Goal($"probe p50 < 1 ms and p99 < 5 ms: {p50:0.###} / {p99:0.###} ms", p50 < 1 && p99 < 5));
        sb.Append('\n');
        if (hp is JsonElement hpe && hpe.GetProperty("method").GetString() is string hmethod)
            sb.Append($"Hardhat's probe uses `{hmethod}` (it has no eth_sendRawTransactionSync).\n\n");
        foreach (var (label, h, t) in new[] { ("10,000 transfers", hb, tb), ("10,000 transfers in JSON-RPC batches", hbb, tbb) })
            if (Runs(h) is string hr && Runs(t) is string tr)
                sb.Append($"{label}, every run (ms, in run order): Hardhat {hr}; Tachyon {tr}.\n\n");
        if (goals.Count > 0) sb.Append("Goals: ").Append(string.Join("; ", goals)).Append(".\n");
        return sb.ToString();
    }

    /// <summary>" (median of N)" when both sides repeated the block N times.</summary>
    private static string MedianOf(JsonElement? h, JsonElement? t)
    {
        int n = Math.Max(RunCount(h), RunCount(t));
        return n > 1 ? $", median of {n}" : "";
    }

    private static int RunCount(JsonElement? e) =>
        e is JsonElement v && v.TryGetProperty("runSeconds", out JsonElement runs) && runs.ValueKind == JsonValueKind.Array ? runs.GetArrayLength() : 0;

    private static string? Runs(JsonElement? e)
    {
        if (RunCount(e) < 2) return null;
        var parts = new List<string>();
        foreach (JsonElement x in e!.Value.GetProperty("runSeconds").EnumerateArray())
            parts.Add((x.GetDouble() * 1000).ToString("0", CultureInfo.InvariantCulture));
        return string.Join(" / ", parts);
    }

    private static string Goal(string text, bool met) => text + (met ? " — **met**" : " — **not met**");

    private static void Row(StringBuilder sb, string name, double? h, double? t, bool higherIsBetter, string format)
    {
        string F(double? v) => v is double d ? d.ToString(format, CultureInfo.InvariantCulture) : "–";
        string ratio = "–";
        if (h is double a && t is double b && a > 0 && b > 0)
        {
            double better = higherIsBetter ? b / a : a / b; // > 1: Tachyon is better
            string word = higherIsBetter ? (better >= 1 ? "" : " lower") : (better >= 1 ? " faster" : " slower");
            ratio = (better >= 1 ? better : 1 / better).ToString("0.0#", CultureInfo.InvariantCulture) + "x" + word;
        }
        sb.Append($"| {name} | {F(h)} | {F(t)} | {ratio} |\n");
    }

    private static JsonElement? Read(string dir, string file)
    {
        string path = Path.Combine(dir, file);
        if (!File.Exists(path)) return null;
        using JsonDocument d = JsonDocument.Parse(File.ReadAllText(path));
        return d.RootElement.Clone();
    }

    private static double? Num(JsonElement? e, params string[] path)
    {
        if (e is not JsonElement v) return null;
        foreach (string p in path)
            if (v.ValueKind != JsonValueKind.Object || !v.TryGetProperty(p, out v)) return null;
        return v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
    }
}
