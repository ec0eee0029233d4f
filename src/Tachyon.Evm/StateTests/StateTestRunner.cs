using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Tachyon.Core.Crypto;
using Tachyon.Core.Numerics;
using Tachyon.Core.Types;
using Tachyon.Evm.Interpreter;
using Tachyon.Evm.Processing;
using Tachyon.Evm.State;

namespace Tachyon.Evm.StateTests;

/// <summary>One executed state-test case: (file, test, fork, data/gas/value indexes).</summary>
public sealed record StateTestCaseResult(string File, string Test, string Fork, int D, int G, int V, bool Passed, string? Message)
{
    /// <summary>Stable identifier used by known-failures files: "file-relative-path::test::fork::d-g-v".</summary>
    public string Id(string? root = null)
    {
        string f = root is null ? File : Path.GetRelativePath(root, File);
        return $"{f.Replace('\\', '/')}::{Test}::{Fork}::{D}-{G}-{V}";
    }
}

public sealed class StateTestOptions
{
    /// <summary>Forks to run; empty = every supported fork.</summary>
    public List<ForkSpec> Forks { get; } = [];
    /// <summary>Only tests whose name contains this.</summary>
    public string? TestFilter { get; set; }
    public int? DataIndex { get; set; }
    public int? GasIndex { get; set; }
    public int? ValueIndex { get; set; }
    /// <summary>EIP-3155 trace destination (forces sequential execution).</summary>
    public TextWriter? Trace { get; set; }
    public int MaxParallelism { get; set; } = Environment.ProcessorCount;
    /// <summary>
    /// Executes the case's transaction and commits it to the world (default: <see cref="TransactionProcessor"/>);
    /// the parallel engine's tests plug in here to run the fixtures through Block-STM.
    /// </summary>
    public Func<ForkSpec, IWorldState, BlockEnvironment, ExecutableTransaction, TransactionResult>? Executor { get; set; }
}

/// <summary>
/// Runs the official state tests (GeneralStateTests format): for every (fork, post entry), builds the
/// transaction from its data/gas/value indexes, applies it to `pre` in a block built from `env`, and
/// compares the state root and the logs hash. A case with expectException must be rejected.
/// </summary>
public static class StateTestRunner
{
    public static IEnumerable<string> EnumerateFiles(IEnumerable<string> paths)
    {
        foreach (string p in paths)
        {
            if (File.Exists(p)) yield return Path.GetFullPath(p);
            else if (Directory.Exists(p))
            {
                var files = Directory.GetFiles(p, "*.json", SearchOption.AllDirectories);
                Array.Sort(files, StringComparer.Ordinal);
                foreach (string f in files) yield return Path.GetFullPath(f);
            }
            else throw new FileNotFoundException($"no such file or directory: {p}");
        }
    }

    /// <summary>Runs every file (in parallel unless tracing); results are in file order, then case order.</summary>
    public static List<StateTestCaseResult> Run(IEnumerable<string> paths, StateTestOptions options)
    {
        string[] files = EnumerateFiles(paths).ToArray();
        var perFile = new List<StateTestCaseResult>[files.Length];
        if (options.Trace != null || options.MaxParallelism <= 1)
        {
            for (int i = 0; i < files.Length; i++) perFile[i] = RunFile(files[i], options);
        }
        else
        {
            // Expensive files first (the largest transaction gas limit is the best cheap predictor of a
            // long-running case, e.g. 4 billion Blake2f rounds), then larger files; output order is restored by index.
            var weight = new double[files.Length];
            Parallel.For(0, files.Length, new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallelism }, i => weight[i] = EstimateCost(files[i]));
            var order = Enumerable.Range(0, files.Length).OrderByDescending(i => weight[i]).ToArray();
            Parallel.ForEach(Partitioner.Create(order, EnumerablePartitionerOptions.NoBuffering),
                new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallelism },
                i => perFile[i] = RunFile(files[i], options));
        }
        var all = new List<StateTestCaseResult>();
        foreach (var r in perFile) all.AddRange(r);
        return all;
    }

    /// <summary>Scheduling weight: the largest transaction gas limit in the file, then its size.</summary>
    private static double EstimateCost(string file)
    {
        double maxGas = 0;
        try
        {
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(file), new JsonDocumentOptions { MaxDepth = 256 });
            foreach (JsonProperty test in doc.RootElement.EnumerateObject())
                if (test.Value.TryGetProperty("transaction", out JsonElement t) && t.TryGetProperty("gasLimit", out JsonElement gl))
                    foreach (JsonElement g in gl.EnumerateArray())
                        if (g.GetString() is { } str)
                            try { maxGas = Math.Max(maxGas, (double)(System.Numerics.BigInteger)ParseU256(str)); } catch (FormatException) { }
        }
        catch (JsonException) { }
        // Above ~1e8 gas a case can run for seconds; below that the file size dominates.
        return (maxGas > 1e8 ? maxGas : 0) + new FileInfo(file).Length;
    }

    public static List<StateTestCaseResult> RunFile(string file, StateTestOptions options)
    {
        var results = new List<StateTestCaseResult>();
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(File.ReadAllBytes(file), new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (Exception ex)
        {
            results.Add(new StateTestCaseResult(file, "(file)", "-", 0, 0, 0, false, "cannot parse: " + ex.Message));
            return results;
        }
        using (doc)
        {
            foreach (JsonProperty test in doc.RootElement.EnumerateObject())
            {
                if (options.TestFilter != null && !test.Name.Contains(options.TestFilter, StringComparison.Ordinal)) continue;
                if (!test.Value.TryGetProperty("post", out JsonElement post)) continue;
                foreach (JsonProperty forkEntry in post.EnumerateObject())
                {
                    ForkSpec? spec = ForkSpec.ByName(forkEntry.Name);
                    if (spec is null || spec.Name != forkEntry.Name) continue;
                    if (options.Forks.Count > 0 && !options.Forks.Contains(spec)) continue;
                    foreach (JsonElement entry in forkEntry.Value.EnumerateArray())
                    {
                        JsonElement idx = entry.GetProperty("indexes");
                        int d = idx.GetProperty("data").GetInt32(), g = idx.GetProperty("gas").GetInt32(), v = idx.GetProperty("value").GetInt32();
                        if (options.DataIndex is { } od && od != d) continue;
                        if (options.GasIndex is { } og && og != g) continue;
                        if (options.ValueIndex is { } ov && ov != v) continue;
                        string? message;
                        try
                        {
                            message = RunCase(test.Value, spec, entry, d, g, v, options.Trace, options.Executor);
                        }
                        catch (Exception ex)
                        {
                            message = "exception: " + ex.GetType().Name + ": " + ex.Message;
                        }
                        results.Add(new StateTestCaseResult(file, test.Name, spec.Name, d, g, v, message is null, message));
                    }
                }
            }
        }
        return results;
    }

    /// <summary>Returns null when the case passes, else what differed.</summary>
    private static string? RunCase(JsonElement test, ForkSpec spec, JsonElement post, int d, int g, int v, TextWriter? trace,
        Func<ForkSpec, IWorldState, BlockEnvironment, ExecutableTransaction, TransactionResult>? executor)
    {
        JsonElement env = test.GetProperty("env");
        JsonElement txJson = test.GetProperty("transaction");
        InMemoryWorldState world = BuildPre(test.GetProperty("pre"));
        BlockEnvironment block = BuildBlock(env);
        string? expectException = post.TryGetProperty("expectException", out JsonElement ee) ? ee.GetString() : null;
        Hash256 expectedRoot = Hash256.Parse(post.GetProperty("hash").GetString()!);
        Hash256? expectedLogs = post.TryGetProperty("logs", out JsonElement le) ? Hash256.Parse(le.GetString()!) : null;

        ExecutableTransaction? tx;
        string? buildError;
        try
        {
            (tx, buildError) = BuildTransaction(txJson, d, g, v, block.ChainId);
        }
        catch (FormatException ex)
        {
            // A field that cannot be encoded in a transaction (e.g. a value above 2^256).
            (tx, buildError) = (null, ex.Message);
        }

        TransactionResult? result = null;
        if (tx is not null && executor is not null) result = executor(spec, world, block, tx);
        else if (tx is not null)
        {
            var processor = new TransactionProcessor(spec);
            if (trace != null) processor.Tracer = new Eip3155Tracer(trace);
            result = processor.Execute(world, block, tx);
        }
        bool invalid = tx is null || !result!.IsValid;

        if (expectException != null && !invalid)
            return $"expected exception {expectException} but the transaction was valid";
        if (expectException == null && invalid)
            return $"unexpected invalid transaction: {buildError ?? result!.InvalidReason}";

        Hash256 root = world.ComputeStateRoot();
        trace?.WriteLine($"{{\"stateRoot\":\"{root}\"}}");
        if (root != expectedRoot)
            return $"state root expected {expectedRoot} got {root}" + (result is { IsValid: true } ? $" (status {result.Status}, gasUsed {result.GasUsed})" : "");
        if (expectedLogs is { } el)
        {
            Hash256 logsHash = CoreAdapters.LogsHash(result?.Logs ?? []);
            if (logsHash != el) return $"logs hash expected {el} got {logsHash}";
        }
        return null;
    }

    // ------------------------------------------------------------------ JSON → model

    private static InMemoryWorldState BuildPre(JsonElement pre)
    {
        var world = new InMemoryWorldState();
        foreach (JsonProperty acc in pre.EnumerateObject())
        {
            Address address = Address.Parse(acc.Name);
            JsonElement a = acc.Value;
            var storage = new List<KeyValuePair<UInt256, UInt256>>();
            if (a.TryGetProperty("storage", out JsonElement st))
                foreach (JsonProperty s in st.EnumerateObject())
                    storage.Add(new(ParseU256(s.Name), ParseU256(s.Value.GetString()!)));
            world.SetAccount(address, ParseU64(a.GetProperty("nonce").GetString()!), ParseU256(a.GetProperty("balance").GetString()!),
                ParseBytes(a.GetProperty("code").GetString()!), storage);
        }
        return world;
    }

    private static BlockEnvironment BuildBlock(JsonElement env)
    {
        string? Str(string name) => env.TryGetProperty(name, out JsonElement e) ? e.GetString() : null;
        UInt256 gasLimit = ParseU256(Str("currentGasLimit") ?? "0x0");
        return new BlockEnvironment
        {
            Coinbase = Address.Parse(Str("currentCoinbase")!),
            Number = ParseU64(Str("currentNumber") ?? "0x0"),
            Timestamp = ParseU64(Str("currentTimestamp") ?? "0x0"),
            GasLimit = gasLimit.IsUInt64 && gasLimit.U0 <= long.MaxValue ? (long)gasLimit.U0 : long.MaxValue,
            BaseFee = ParseU256(Str("currentBaseFee") ?? "0x0"),
            PrevRandao = ParseU256(Str("currentRandom") ?? Str("currentDifficulty") ?? "0x0"),
            ExcessBlobGas = ParseU64(Str("currentExcessBlobGas") ?? "0x0"),
            ChainId = 1,
            BlockHashProvider = n => Keccak256.Compute(System.Text.Encoding.ASCII.GetBytes(n.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        };
    }

    private static (ExecutableTransaction?, string?) BuildTransaction(JsonElement t, int d, int g, int v, ulong chainId)
    {
        string? Str(string name) => t.TryGetProperty(name, out JsonElement e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;

        Address sender;
        if (Str("sender") is { Length: > 0 } s) sender = Address.Parse(s);
        else sender = CoreAdapters.AddressFromPrivateKey(ParseBytes(Str("secretKey")!));

        UInt256 gasLimit = ParseU256(t.GetProperty("gasLimit")[g].GetString()!);
        if (!gasLimit.IsUInt64 || gasLimit.U0 > long.MaxValue) return (null, "gas limit above 2^63");
        UInt256 nonce = ParseU256(Str("nonce") ?? "0x0");
        if (!nonce.IsUInt64) return (null, "nonce above 2^64");

        AccessListEntry[] accessList = [];
        bool hasAccessList = false;
        if (t.TryGetProperty("accessLists", out JsonElement als) && als.ValueKind == JsonValueKind.Array && d < als.GetArrayLength())
        {
            JsonElement al = als[d];
            if (al.ValueKind == JsonValueKind.Array)
            {
                hasAccessList = true;
                accessList = al.EnumerateArray().Select(e => new AccessListEntry(
                    Address.Parse(e.GetProperty("address").GetString()!),
                    e.GetProperty("storageKeys").EnumerateArray().Select(k => ParseU256(k.GetString()!)).ToArray())).ToArray();
            }
        }

        AuthorizationEntry[]? auths = null;
        if (t.TryGetProperty("authorizationList", out JsonElement authList) && authList.ValueKind == JsonValueKind.Array)
        {
            auths = authList.EnumerateArray().Select(a =>
            {
                UInt256 authChain = ParseU256(a.GetProperty("chainId").GetString()!);
                Address target = Address.Parse(a.GetProperty("address").GetString()!);
                UInt256 authNonce = ParseU256(a.GetProperty("nonce").GetString()!);
                UInt256 yParity = ParseU256((a.TryGetProperty("v", out JsonElement ve) ? ve : a.GetProperty("yParity")).GetString()!);
                UInt256 r = ParseU256(a.GetProperty("r").GetString()!);
                UInt256 sv = ParseU256(a.GetProperty("s").GetString()!);
                Address? authority = CoreAdapters.RecoverAuthority(authChain, target, authNonce, yParity, r, sv);
                return new AuthorizationEntry(authChain, target, authNonce.IsUInt64 ? authNonce.U0 : ulong.MaxValue, authority);
            }).ToArray();
        }

        Hash256[] blobHashes = [];
        bool isBlob = false;
        if (t.TryGetProperty("blobVersionedHashes", out JsonElement bh) && bh.ValueKind == JsonValueKind.Array)
        {
            isBlob = true;
            blobHashes = bh.EnumerateArray().Select(h => Hash256.Parse(h.GetString()!)).ToArray();
        }

        string? maxFee = Str("maxFeePerGas");
        byte type = auths != null ? (byte)4 : isBlob ? (byte)3 : maxFee != null ? (byte)2 : hasAccessList ? (byte)1 : (byte)0;
        string to = Str("to") ?? "";
        var tx = new ExecutableTransaction
        {
            Type = type,
            Sender = sender,
            Nonce = nonce.U0,
            GasPrice = ParseU256(Str("gasPrice") ?? "0x0"),
            MaxFeePerGas = ParseU256(maxFee ?? Str("gasPrice") ?? "0x0"),
            MaxPriorityFeePerGas = ParseU256(Str("maxPriorityFeePerGas") ?? Str("gasPrice") ?? "0x0"),
            GasLimit = (long)gasLimit.U0,
            To = to.Length == 0 ? null : Address.Parse(to),
            Value = ParseU256(t.GetProperty("value")[v].GetString()!),
            Data = ParseBytes(t.GetProperty("data")[d].GetString()!),
            AccessList = accessList,
            AuthorizationList = auths,
            BlobVersionedHashes = blobHashes,
            MaxFeePerBlobGas = ParseU256(Str("maxFeePerBlobGas") ?? "0x0"),
        };
        return (tx, null);
    }

    // ------------------------------------------------------------------ hex helpers

    public static byte[] ParseBytes(string hex)
    {
        ReadOnlySpan<char> h = Hex.StripPrefix(hex);
        if (h.Length == 0) return [];
        if ((h.Length & 1) == 1) return Hex.FromHex("0" + h.ToString());
        return Hex.FromHex(h);
    }

    public static UInt256 ParseU256(string s)
    {
        if (!s.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            return UInt256.FromBigInteger(System.Numerics.BigInteger.Parse(s, System.Globalization.CultureInfo.InvariantCulture));
        byte[] b = ParseBytes(s);
        if (b.Length > 32)
        {
            int skip = 0;
            while (skip < b.Length - 32 && b[skip] == 0) skip++;
            if (b.Length - skip > 32) throw new FormatException("value above 2^256: " + s);
            b = b[skip..];
        }
        return UInt256.FromBigEndian(b);
    }

    public static ulong ParseU64(string s)
    {
        UInt256 v = ParseU256(s);
        if (!v.IsUInt64) throw new FormatException("value above 2^64: " + s);
        return v.U0;
    }

    // ------------------------------------------------------------------ reporting

    /// <summary>Formats one failure line.</summary>
    public static string FormatFailure(StateTestCaseResult r) =>
        $"FAIL {r.File} {r.Test} {r.Fork} d={r.D} g={r.G} v={r.V}: {r.Message}";

    /// <summary>The `tachyon statetest` command. Returns the exit code.</summary>
    public static int Main(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var options = new StateTestOptions();
        var paths = new List<string>();
        string? traceFile = null;
        bool trace = false;
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{a} needs a value");
            switch (a)
            {
                case "--fork":
                {
                    string name = Next();
                    ForkSpec? f = ForkSpec.ByName(name);
                    if (f is null) { stderr.WriteLine($"statetest: unsupported fork '{name}' (supported: Cancun, Prague, TachyonL2)"); return 2; }
                    options.Forks.Add(f);
                    break;
                }
                case "--test": options.TestFilter = Next(); break;
                case "--d": options.DataIndex = int.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture); break;
                case "--g": options.GasIndex = int.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture); break;
                case "--v": options.ValueIndex = int.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture); break;
                case "--trace": trace = true; break;
                case "--trace-file": trace = true; traceFile = Next(); break;
                case "-j": options.MaxParallelism = int.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture); break;
                case "-h" or "--help":
                    stdout.WriteLine("usage: tachyon statetest [--fork Cancun|Prague|TachyonL2] [--test NAME] [--d N] [--g N] [--v N] [--trace | --trace-file PATH] [-j N] PATH...");
                    return 0;
                default:
                    if (a.StartsWith('-')) { stderr.WriteLine($"statetest: unknown option {a}"); return 2; }
                    paths.Add(a);
                    break;
            }
        }
        if (paths.Count == 0) { stderr.WriteLine("statetest: no test files or folders given"); return 2; }

        TextWriter? traceWriter = null;
        if (trace) traceWriter = traceFile is null ? stderr : new StreamWriter(traceFile);
        options.Trace = traceWriter;
        var sw = Stopwatch.StartNew();
        List<StateTestCaseResult> results;
        try
        {
            results = Run(paths, options);
        }
        catch (FileNotFoundException ex)
        {
            stderr.WriteLine("statetest: " + ex.Message);
            return 2;
        }
        finally
        {
            if (traceFile != null) traceWriter?.Dispose();
        }
        int passed = 0, failed = 0;
        foreach (var r in results)
        {
            if (r.Passed) passed++;
            else
            {
                failed++;
                stdout.WriteLine(FormatFailure(r));
            }
        }
        stderr.WriteLine($"statetest: {results.Count} cases in {sw.Elapsed.TotalSeconds:F1}s");
        stdout.WriteLine($"{passed} passed, {failed} failed");
        return failed == 0 ? 0 : 1;
    }
}
