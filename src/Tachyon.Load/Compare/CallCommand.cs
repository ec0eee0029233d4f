using System.Diagnostics;
using Tachyon.Core.Numerics;
using Tachyon.Core.Types;
using Tachyon.Load.Chain;
using Tachyon.Load.Cli;
using Tachyon.Load.Output;
using Tachyon.Workloads.Contracts;

namespace Tachyon.Load.Compare;

/// <summary>What `tachyon compare call` reports (times in ms).</summary>
public sealed record CallResult(string Rpc, string Kernel, ulong N, long Gas, int Calls, double MedianMs, double MinMs, double MaxMs)
{
    public double MgasPerSecond => MedianMs > 0 ? Gas / MedianMs / 1000.0 : 0;
}

/// <summary>
/// `tachyon compare call`: deploys one of our compute kernels and times eth_call of it (interpreter
/// speed through the node's RPC). Every answer is checked against the kernel's C# version.
/// </summary>
public static class CallCommand
{
    public const string Usage = "tachyon compare call --rpc URL [--kernel sieve|arith] [--n N] [--calls N] [--key 0x..] [--json FILE]";

    public static async Task<int> MainAsync(string[] args)
    {
        Uri? rpc = null;
        string kernel = "sieve";
        ulong? n = null;
        int calls = 9;
        byte[] key = LoadAccount.DevKey0;
        string? json = null;
        var r = new ArgReader("compare call", args);
        while (r.Next())
        {
            switch (r.Current)
            {
                case "--rpc": rpc = r.Url(); break;
                case "--kernel":
                    kernel = r.Value();
                    if (kernel is not ("sieve" or "arith")) throw new UsageException($"--kernel must be sieve or arith, not '{kernel}'");
                    break;
                case "--n": n = (ulong)r.Long(1, 2_000_000); break;
                case "--calls": calls = r.Int(1, 1000); break;
                case "--key": key = r.Key(); break;
                case "--json": json = r.Value(); break;
                default: throw r.Unknown();
            }
        }
        if (rpc is null) throw new UsageException("--rpc URL is required");
        CallResult result = await RunAsync(rpc, kernel, n ?? (kernel == "sieve" ? 50_000UL : 20_000UL), calls, key, Console.Out).ConfigureAwait(false);
        Console.WriteLine($"eth_call {result.Kernel}(n={result.N}) on {result.Rpc}: median {result.MedianMs:0.###} ms (min {result.MinMs:0.###}, max {result.MaxMs:0.###}) " +
                          $"over {result.Calls} calls, {result.Gas:N0} gas, {result.MgasPerSecond:0} Mgas/s");
        if (json != null) JsonOutput.Write(json, result);
        return 0;
    }

    public static async Task<CallResult> RunAsync(Uri rpc, string kernel, ulong n, int calls, byte[] key, TextWriter log)
    {
        byte[] code = kernel == "sieve" ? Sieve.Code() : ArithmeticLoop.Code();
        byte[] input = kernel == "sieve" ? EvmHarness.Word(n) : ArithmeticLoop.Input(n, 12345);
        byte[] expected = Expected(kernel, n);
        // Gas of the same call in our in-process EVM (the node's eth_call does not report gas).
        byte[] local = new EvmHarness(code).CallOk(input, out long gas);
        if (!local.AsSpan().SequenceEqual(expected)) throw new InvalidOperationException($"{kernel}: the in-process EVM disagrees with the C# kernel");

        await using ChainSession s = await ChainSession.OpenAsync(rpc, key, legacy: false, connections: 1).ConfigureAwait(false);
        Address contract = await s.DeployAsync(InitCode.For(code), kernel).ConfigureAwait(false);
        log.WriteLine($"{kernel} deployed at {contract}; {calls} timed calls after 2 warm-up calls");
        // Headroom over the gas used, but within the 2^24 per-transaction cap (EIP-7825) that Hardhat also applies to eth_call.
        ulong callGas = Math.Max((ulong)gas + 100_000, Math.Min((ulong)gas * 3 / 2 + 100_000, 1UL << 24));
        var times = new double[calls];
        for (int i = -2; i < calls; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            byte[] output = await s.Client.EthCallAsync(contract, input, callGas).ConfigureAwait(false);
            double ms = (Stopwatch.GetTimestamp() - t0) * 1000.0 / Stopwatch.Frequency;
            if (!output.AsSpan().SequenceEqual(expected))
                throw new InvalidOperationException($"{kernel}: eth_call returned {Hex.ToHex(output)}, expected {Hex.ToHex(expected)}");
            if (i >= 0) times[i] = ms;
        }
        Array.Sort(times);
        double median = calls % 2 == 1 ? times[calls / 2] : (times[calls / 2 - 1] + times[calls / 2]) / 2;
        return new CallResult(rpc.ToString(), kernel, n, gas, calls, median, times[0], times[^1]);
    }

    private static byte[] Expected(string kernel, ulong n)
    {
        if (kernel == "sieve") return EvmHarness.Word(Sieve.Native(n));
        var (acc, x) = ArithmeticLoop.Native(n, 12345);
        byte[] out64 = new byte[64];
        acc.WriteBigEndian(out64.AsSpan(0, 32));
        x.WriteBigEndian(out64.AsSpan(32, 32));
        return out64;
    }
}
