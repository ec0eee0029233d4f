using Tachyon.Load.Stats;

namespace Tachyon.Load.Tests;

public class LatencyHistogramTests
{
    [Fact]
    public void Empty_histogram_reports_zeros()
    {
        var h = new LatencyHistogram();
        Assert.Equal(0, h.Count);
        Assert.Equal(0, h.Percentile(50));
        Assert.Equal(0, h.Max);
        Assert.Equal(0, h.Mean);
    }

    [Fact]
    public void Small_values_are_exact()
    {
        var h = new LatencyHistogram();
        for (int v = 1; v <= 100; v++) h.Record(v);
        Assert.Equal(50, h.Percentile(50));
        Assert.Equal(90, h.Percentile(90));
        Assert.Equal(99, h.Percentile(99));
        Assert.Equal(100, h.Percentile(100));
        Assert.Equal(1, h.Min);
        Assert.Equal(100, h.Max);
        Assert.Equal(50.5, h.Mean, 9);
    }

    [Theory]
    [InlineData(50)]
    [InlineData(90)]
    [InlineData(99)]
    [InlineData(99.9)]
    public void Percentiles_of_a_wide_uniform_range_are_within_the_bucket_precision(double p)
    {
        var h = new LatencyHistogram();
        const int n = 1_000_000;
        for (int v = 1; v <= n; v++) h.Record(v);
        double exact = Math.Ceiling(p / 100 * n);
        long got = h.Percentile(p);
        Assert.InRange(got, exact, exact * (1 + 1.0 / 64));
    }

    [Fact]
    public void Percentile_of_a_skewed_distribution_finds_the_tail()
    {
        var h = new LatencyHistogram();
        for (int i = 0; i < 990; i++) h.Record(500);        // 0.5 ms
        for (int i = 0; i < 10; i++) h.Record(250_000);     // 250 ms
        Assert.InRange(h.Percentile(50), 500, 507);
        Assert.InRange(h.Percentile(99), 500, 507);
        Assert.InRange(h.Percentile(99.5), 250_000, 250_000);
        Assert.Equal(250_000, h.Max);
    }

    [Fact]
    public void Every_value_lands_in_a_bucket_whose_range_holds_it()
    {
        var rng = new Random(7);
        for (int i = 0; i < 100_000; i++)
        {
            long v = rng.NextInt64(0, long.MaxValue >> rng.Next(0, 62));
            int index = LatencyHistogram.IndexOf(v);
            Assert.True(v <= LatencyHistogram.HighestOf(index), $"{v} above its bucket {index}");
            if (index > 0) Assert.True(v > LatencyHistogram.HighestOf(index - 1), $"{v} belongs to an earlier bucket than {index}");
        }
        Assert.Equal(long.MaxValue, LatencyHistogram.HighestOf(LatencyHistogram.IndexOf(long.MaxValue)));
    }

    [Fact]
    public void Concurrent_recording_loses_nothing()
    {
        var h = new LatencyHistogram();
        Parallel.For(0, 8, t =>
        {
            for (int i = 1; i <= 10_000; i++) h.Record(i);
        });
        Assert.Equal(80_000, h.Count);
        Assert.Equal(10_000, h.Max);
        Assert.Equal(5000.5, h.Mean, 6);
    }

    [Fact]
    public void Add_merges_counts_and_extremes()
    {
        var a = new LatencyHistogram();
        var b = new LatencyHistogram();
        a.Record(10);
        b.Record(1000);
        b.Record(3);
        a.Add(b);
        Assert.Equal(3, a.Count);
        Assert.Equal(1000, a.Max);
        Assert.Equal(3, a.Min);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(100.5)]
    public void Percentile_outside_0_to_100_is_refused(double p) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new LatencyHistogram().Percentile(p));
}
