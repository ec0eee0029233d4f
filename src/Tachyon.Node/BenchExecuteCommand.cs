using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Tachyon.Core.Types;
using Tachyon.Evm;
using Tachyon.Evm.Interpreter;
using Tachyon.Evm.Processing;
using Tachyon.Evm.State;
using Tachyon.Execution;
using Tachyon.Workloads.Parallel;

namespace Tachyon.Node;

/// <summary>
/// `tachyon bench execute`: builds blocks in memory (senders recovered beforehand), runs them with the
/// sequential executor and with the parallel one per thread count in the same process (`--engine block`:
/// the Block-STM block executor; `--engine stream`: the sequencer's streaming engine, every
/// transaction appended then committed in order with its writes resolved), prints TPS,
/// Mgas/s, speedup and aborts per transaction, and fails unless every parallel state root equals the
/// sequential one.
/// </summary>
internal static class BenchExecuteCommand
{
    private sealed record Row(int Threads, double Tps, double MgasPerSec, double Speedup, double AbortsPerTx, int FallbackBlocks, Hash256 StateRoot, bool RootsMatch);

    public static int Run(string[] args)
    {
        WorkloadKind kind = WorkloadKind.Transfer;
        int txs = 2000, blocks = 3, seed = 1, rounds = 10;
        double hot = 0;
        int[] threads = [1, 2, 4, 8, 16];
        string? json = null;
        bool stream = false;
        try
        {
            for (int i = 0; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
                int NextInt() => int.Parse(Next(), NumberStyles.Integer, CultureInfo.InvariantCulture);
                switch (args[i])
                {
                    case "--workload": kind = WorkloadOptions.ParseKind(Next()); break;
                    case "--txs": txs = NextInt(); break;
                    case "--blocks": blocks = NextInt(); break;
                    case "--seed": seed = NextInt(); break;
                    case "--rounds": rounds = NextInt(); break;
                    case "--hot-ratio": hot = double.Parse(Next(), NumberStyles.Float, CultureInfo.InvariantCulture); break;
                    case "--threads": threads = ParseThreads(Next()); break;
                    case "--json": json = Next(); break;
                    case "--engine":
                        string engine = Next();
                        stream = engine switch
                        {
                            "block" => false,
                            "stream" => true,
                            _ => throw new ArgumentException($"--engine must be block or stream, not '{engine}'"),
                        };
                        break;
                    default: throw new ArgumentException($"unknown option '{args[i]}'");
                }
            }
            if (txs < 1 || blocks < 1 || rounds < 1) throw new ArgumentException("--txs, --blocks and --rounds must be at least 1");
            if (hot is < 0 or > 1) throw new ArgumentException("--hot-ratio must be in [0, 1]");
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
        {
            Console.Error.WriteLine($"tachyon bench execute: {e.Message}");
            return 2;
        }
        return Execute(kind, txs, blocks, seed, hot, threads, rounds, json, stream, Console.Out);
    }

    private static int[] ParseThreads(string s)
    {
        string[] parts = s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var result = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            result[i] = int.Parse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture);
            if (result[i] < 1) throw new ArgumentException("thread counts must be at least 1");
        }
        if (result.Length == 0) throw new ArgumentException("--threads needs at least one count");
        return result;
    }

    /// <summary>One parallel engine under test.</summary>
    private interface IEngine : IDisposable
    {
        BlockExecutionResult Execute(InMemoryWorldState pre, BlockEnvironment block, IReadOnlyList<ExecutableTransaction> txs);
    }

    private sealed class BlockEngine(int threads) : IEngine
    {
        private readonly ParallelBlockExecutor _executor = new(ForkSpec.Prague, new ParallelExecutorOptions { Threads = threads });
        public BlockExecutionResult Execute(InMemoryWorldState pre, BlockEnvironment block, IReadOnlyList<ExecutableTransaction> txs) => _executor.Execute(pre, block, txs);
        public void Dispose() => _executor.Dispose();
    }

    private sealed class StreamEngine(int threads, int capacity) : IEngine
    {
        private readonly StreamingExecutor _executor = new(ForkSpec.Prague, threads, capacity);
        public BlockExecutionResult Execute(InMemoryWorldState pre, BlockEnvironment block, IReadOnlyList<ExecutableTransaction> txs) => _executor.ExecuteAll(pre, block, txs);
        public void Dispose() => _executor.Dispose();
    }

    private static int Execute(WorkloadKind kind, int txs, int blocks, int seed, double hot, int[] threadCounts, int rounds, string? json, bool stream, TextWriter o)
    {
        o.WriteLine($"tachyon bench execute: engine {(stream ? "stream" : "block")}, workload {kind.ToString().ToLowerInvariant()}, {txs} txs/block, {blocks} blocks, hot ratio {hot.ToString(CultureInfo.InvariantCulture)}, {rounds} rounds, " +
                    $"{Environment.ProcessorCount} cores, load {LoadAverage()}");
        var sw = Stopwatch.StartNew();
        var workload = new ExecutionWorkload(new WorkloadOptions(kind, txs, hot, blocks, seed));
        InMemoryWorldState pre = workload.CreatePreState();
        o.WriteLine($"built and signed {txs * blocks} transactions (senders recovered) in {sw.Elapsed.TotalSeconds:F1} s");

        // Rounds interleave the sequential run and every thread count; each block's best time over the
        // rounds is kept (load from other processes only ever adds time), and the bests are summed.
        var sequential = new SequentialBlockExecutor(ForkSpec.Prague);
        var executors = new IEngine[threadCounts.Length];
        for (int i = 0; i < executors.Length; i++)
            executors[i] = stream ? new StreamEngine(threadCounts[i], txs) : new BlockEngine(threadCounts[i]);
        try
        {
            var seqResults = new BlockExecutionResult[blocks];
            var results = new BlockExecutionResult[threadCounts.Length][];
            for (int i = 0; i < results.Length; i++) results[i] = new BlockExecutionResult[blocks];
            var seqBest = new double[blocks];
            Array.Fill(seqBest, double.MaxValue);
            var best = new double[threadCounts.Length, blocks];
            for (int i = 0; i < threadCounts.Length; i++)
                for (int b = 0; b < blocks; b++) best[i, b] = double.MaxValue;
            sequential.Execute(pre, workload.Block, workload.Blocks[0]); // warm-up (JIT)
            foreach (IEngine p in executors) p.Execute(pre, workload.Block, workload.Blocks[0]);
            for (int round = 0; round < rounds; round++)
            {
                for (int b = 0; b < blocks; b++)
                {
                    long t0 = Stopwatch.GetTimestamp();
                    seqResults[b] = sequential.Execute(pre, workload.Block, workload.Blocks[b]);
                    seqBest[b] = Math.Min(seqBest[b], Stopwatch.GetElapsedTime(t0).TotalSeconds);
                    for (int i = 0; i < executors.Length; i++)
                    {
                        t0 = Stopwatch.GetTimestamp();
                        results[i][b] = executors[i].Execute(pre, workload.Block, workload.Blocks[b]);
                        best[i, b] = Math.Min(best[i, b], Stopwatch.GetElapsedTime(t0).TotalSeconds);
                    }
                }
            }
            double seqSeconds = 0;
            var seconds = new double[threadCounts.Length];
            for (int b = 0; b < blocks; b++)
            {
                seqSeconds += seqBest[b];
                for (int i = 0; i < threadCounts.Length; i++) seconds[i] += best[i, b];
            }
            long gas = 0;
            foreach (BlockExecutionResult r in seqResults) gas += r.GasUsed;
            foreach (BlockExecutionResult r in seqResults)
                foreach (TransactionResult t in r.Transactions)
                    if (!t.IsValid) throw new InvalidOperationException("workload transaction invalid: " + t.InvalidReason);
            var seqRoots = new Hash256[blocks];
            for (int b = 0; b < blocks; b++) seqRoots[b] = Root(workload, seqResults[b]);
            double total = (double)txs * blocks;

            var rows = new List<Row>();
            for (int i = 0; i < threadCounts.Length; i++)
            {
                long aborts = 0;
                int fallbacks = 0;
                bool match = true;
                for (int b = 0; b < blocks; b++)
                {
                    BlockExecutionResult r = results[i][b];
                    aborts += r.Aborts;
                    if (r.RanSequentially) fallbacks++;
                    match &= r.GasUsed == seqResults[b].GasUsed && Root(workload, r) == seqRoots[b];
                }
                rows.Add(new Row(threadCounts[i], total / seconds[i], gas / seconds[i] / 1e6, seqSeconds / seconds[i], aborts / total, fallbacks,
                    Root(workload, results[i][0]), match));
            }
            return Report(o, kind, txs, blocks, hot, json, stream, total / seqSeconds, gas / seqSeconds / 1e6, seqRoots[0], rows);
        }
        finally
        {
            foreach (IEngine p in executors) p.Dispose();
        }
    }

    private static int Report(TextWriter o, WorkloadKind kind, int txs, int blocks, double hot, string? json, bool stream,
        double seqTps, double seqMgas, Hash256 seqRoot, List<Row> rows)
    {
        o.WriteLine();
        o.WriteLine("| threads | TPS | Mgas/s | speedup vs sequential | aborts/tx | fallback blocks | state root (block 0) | equal |");
        o.WriteLine("|---:|---:|---:|---:|---:|---:|---|---|");
        o.WriteLine($"| seq | {seqTps:F0} | {seqMgas:F1} | 1.00x | - | - | {Short(seqRoot)} | - |");
        foreach (Row r in rows)
            o.WriteLine($"| {r.Threads} | {r.Tps:F0} | {r.MgasPerSec:F1} | {r.Speedup:F2}x | {r.AbortsPerTx:F3} | {r.FallbackBlocks}/{blocks} | {Short(r.StateRoot)} | {(r.RootsMatch ? "yes" : "NO")} |");
        o.WriteLine($"load after: {LoadAverage()}");

        if (json != null) WriteJson(json, kind, txs, blocks, hot, stream, seqTps, rows);
        bool ok = rows.TrueForAll(r => r.RootsMatch);
        if (!ok) Console.Error.WriteLine("tachyon bench execute: a parallel state root differs from the sequential one");
        return ok ? 0 : 1;
    }

    private static Hash256 Root(ExecutionWorkload w, BlockExecutionResult r)
    {
        InMemoryWorldState world = w.CreatePreState();
        world.Commit(r.WriteSet);
        return world.ComputeStateRoot();
    }

    private static string Short(Hash256 h) => h.ToString()[..18] + "…";

    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    private static void WriteJson(string path, WorkloadKind kind, int txs, int blocks, double hot, bool stream, double seqTps, List<Row> rows)
    {
        using FileStream f = File.Create(path);
        using var w = new Utf8JsonWriter(f, new JsonWriterOptions { Indented = true });
        w.WriteStartArray();
        foreach (Row r in rows)
        {
            w.WriteStartObject();
            w.WriteString("workload", kind.ToString().ToLowerInvariant());
            w.WriteString("engine", stream ? "stream" : "block");
            w.WriteNumber("txs", txs);
            w.WriteNumber("blocks", blocks);
            w.WriteNumber("hotRatio", hot);
            w.WriteNumber("threads", r.Threads);
            w.WriteNumber("tps", Math.Round(r.Tps, 1));
            w.WriteNumber("mgasPerSec", Math.Round(r.MgasPerSec, 2));
            w.WriteNumber("speedup", Math.Round(r.Speedup, 3));
            w.WriteNumber("abortsPerTx", Math.Round(r.AbortsPerTx, 4));
            w.WriteNumber("sequentialTps", Math.Round(seqTps, 1));
            w.WriteNumber("fallbackBlocks", r.FallbackBlocks);
            w.WriteString("stateRoot", r.StateRoot.ToString());
            w.WriteBoolean("rootsMatch", r.RootsMatch);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}
