using Tachyon.Load.Compare;

namespace Tachyon.Load.Tests;

public class ReportTests
{
    [Fact]
    public void A_document_without_the_section_gets_it_appended()
    {
        string doc = ReportCommand.ReplaceSection("# Benchmarks\n\ntext\n", "| a | b |\n");
        Assert.StartsWith("# Benchmarks\n\ntext\n\n## Tachyon vs Hardhat", doc);
        Assert.Contains(ReportCommand.Begin + "\n| a | b |\n" + ReportCommand.End, doc);
    }

    [Fact]
    public void The_marked_section_is_replaced_and_the_rest_kept()
    {
        string first = ReportCommand.ReplaceSection("# B\n\nbefore\n", "old table\n") + "\n## Later section\nkept\n";
        string second = ReportCommand.ReplaceSection(first, "new table\n");
        Assert.DoesNotContain("old table", second);
        Assert.Contains("new table", second);
        Assert.Contains("before", second);
        Assert.EndsWith("## Later section\nkept\n", second);
        Assert.Equal(1, CountOf(second, ReportCommand.Begin));
    }

    [Fact]
    public void A_lone_marker_is_an_error_not_a_silent_append() =>
        Assert.Throws<InvalidDataException>(() => ReportCommand.ReplaceSection("x\n" + ReportCommand.Begin + "\n", "t"));

    [Fact]
    public void Repeated_blocks_report_the_median_run_with_every_time()
    {
        static BlockResult Run(double seconds, double cpu) =>
            new("ws://x", "stream", 100, 10, 2, 1, seconds, 100, 0, 1, null, cpu);
        BlockResult[] runs = [Run(0.5, 1), Run(0.3, 2), Run(0.4, 3), Run(0.9, 4)];
        BlockResult median = BlockCommand.Median(runs);
        Assert.Equal(0.4, median.Seconds); // the lower of the two middle runs
        Assert.Equal(3, median.ClientCpuSeconds); // the whole median run, not a mix
        Assert.Equal([0.5, 0.3, 0.4, 0.9], median.RunSeconds);
        Assert.Equal(0.4, BlockCommand.Median(runs[1..]).Seconds);
        Assert.Equal([0.3], BlockCommand.Median(runs[1..2]).RunSeconds);
    }

    [Fact]
    public void Table_ratios_compare_tachyon_with_hardhat()
    {
        string dir = Directory.CreateTempSubdirectory().FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "hardhat-block.json"), "{\"seconds\": 6.0}");
            File.WriteAllText(Path.Combine(dir, "tachyon-block.json"), "{\"seconds\": 0.2}");
            File.WriteAllText(Path.Combine(dir, "hardhat-call-sieve.json"), "{\"n\": 50000, \"gas\": 8844505, \"medianMs\": 1200}");
            File.WriteAllText(Path.Combine(dir, "tachyon-call-sieve.json"), "{\"n\": 50000, \"gas\": 8844505, \"medianMs\": 20}");
            File.WriteAllText(Path.Combine(dir, "hardhat-transfer.json"), "{\"includedTps\": 700, \"latency\": {\"p50\": 100, \"p99\": 400}}");
            File.WriteAllText(Path.Combine(dir, "tachyon-transfer.json"), "{\"includedTps\": 3500, \"latency\": {\"p50\": 500, \"p99\": 200}}");
            string table = ReportCommand.Build(dir, "scripts/compare-hardhat.sh 10", null);
            Assert.Contains("| 10,000 transfers: first send → all receipts (ms) | 6000 | 200 | 30.0x faster |", table);
            Assert.Contains("| 1200 | 20 | 60.0x faster |", table);
            Assert.Contains("10k-transfer block ≥ 20x Hardhat: 30.0x — **met**", table);
            Assert.Contains("| ETH transfers, receipts by block polling: included tx/s | 700 | 3500 | 5.0x |", table);
            Assert.Contains("send → receipt p50 (ms) | 100 | 500 | 5.0x slower |", table);
            Assert.Contains("send → receipt p99 (ms) | 400 | 200 | 2.0x faster |", table);
            Assert.DoesNotContain("ERC-20", table); // no files for it: no rows
            Assert.DoesNotContain("JSON-RPC batches", table);

            File.WriteAllText(Path.Combine(dir, "hardhat-block-batch.json"), "{\"seconds\": 4.0, \"batch\": 10}");
            File.WriteAllText(Path.Combine(dir, "tachyon-block-batch.json"), "{\"seconds\": 0.1, \"batch\": 10}");
            table = ReportCommand.Build(dir, null, null);
            Assert.Contains("| 10,000 transfers in JSON-RPC batches of 10: first send → all receipts (ms) | 4000 | 100 | 40.0x faster |", table);
            Assert.Contains("10k-transfer block ≥ 20x Hardhat: 30.0x", table); // the goal stays on the unbatched run
            Assert.DoesNotContain("every run", table);

            // Repeated blocks: the table holds the medians and names every run.
            File.WriteAllText(Path.Combine(dir, "hardhat-block.json"), "{\"seconds\": 6.0, \"runSeconds\": [6.5, 6.0, 5.5]}");
            File.WriteAllText(Path.Combine(dir, "tachyon-block.json"), "{\"seconds\": 0.3, \"runSeconds\": [0.2, 0.35, 0.3]}");
            table = ReportCommand.Build(dir, null, null);
            Assert.Contains("| 10,000 transfers: first send → all receipts (ms), median of 3 | 6000 | 300 | 20.0x faster |", table);
            Assert.Contains("10,000 transfers, every run (ms, in run order): Hardhat 6500 / 6000 / 5500; Tachyon 200 / 350 / 300.", table);
            Assert.Contains("10k-transfer block ≥ 20x Hardhat: 20.0x — **met**", table);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    private static int CountOf(string s, string part)
    {
        int n = 0;
        for (int i = s.IndexOf(part, StringComparison.Ordinal); i >= 0; i = s.IndexOf(part, i + 1, StringComparison.Ordinal)) n++;
        return n;
    }
}
