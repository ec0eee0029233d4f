using ScottPlot;
using Tachyon.Load.Load;

namespace Tachyon.Load.Output;

/// <summary>A PNG of a run: accepted and included TPS per second (left axis), latency p50/p99 per second (right axis, ms).</summary>
public static class PlotOutput
{
    public static void Write(string path, LoadResult r)
    {
        var plot = new Plot();
        int n = r.Series.Count;
        double[] t = new double[n], accepted = new double[n], included = new double[n], p50 = new double[n], p99 = new double[n];
        for (int i = 0; i < n; i++)
        {
            SecondSample s = r.Series[i];
            t[i] = s.Second;
            accepted[i] = s.Accepted;
            included[i] = s.Included;
            // A second without inclusions has no latency: leave a gap, not a zero.
            p50[i] = s.Included > 0 ? s.LatencyP50Ms : double.NaN;
            p99[i] = s.Included > 0 ? s.LatencyP99Ms : double.NaN;
        }
        var a = plot.Add.Scatter(t, accepted);
        a.LegendText = "accepted tx/s";
        var inc = plot.Add.Scatter(t, included);
        inc.LegendText = "included tx/s";
        var l50 = plot.Add.Scatter(t, p50);
        l50.LegendText = "latency p50 (ms, right)";
        l50.Axes.YAxis = plot.Axes.Right;
        l50.LinePattern = LinePattern.Dashed;
        var l99 = plot.Add.Scatter(t, p99);
        l99.LegendText = "latency p99 (ms, right)";
        l99.Axes.YAxis = plot.Axes.Right;
        l99.LinePattern = LinePattern.Dotted;
        plot.Title($"tachyon load: {r.Workload}, {r.Mode}, {r.Accounts} accounts — {r.Rpc}");
        plot.XLabel("seconds since the first send");
        plot.YLabel("transactions per second");
        plot.Axes.Right.Label.Text = "send → receipt latency (ms)";
        plot.ShowLegend(Alignment.UpperRight);
        string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir != null) Directory.CreateDirectory(dir);
        plot.SavePng(path, 1200, 600);
    }
}
