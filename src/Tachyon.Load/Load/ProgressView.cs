using Spectre.Console;

namespace Tachyon.Load.Load;

/// <summary>
/// Live progress while a run sends: a Spectre.Console table redrawn 4 times a second in a
/// terminal, or one plain line per second when output is redirected (CI, logs).
/// </summary>
public static class ProgressView
{
    public static Task ShowAsync(RunMetrics m, Func<bool> done, string title) =>
        Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive
            ? PlainAsync(m, done, Console.Out)
            : LiveAsync(m, done, title);

    internal static async Task PlainAsync(RunMetrics m, Func<bool> done, TextWriter output)
    {
        var last = Snapshot.Take(m);
        while (!done())
        {
            await Task.Delay(1000).ConfigureAwait(false);
            var now = Snapshot.Take(m);
            output.WriteLine(now.Line(last));
            last = now;
        }
    }

    private static Task LiveAsync(RunMetrics m, Func<bool> done, string title)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(title));
        foreach (string c in new[] { "elapsed", "sent", "accepted", "accepted/s", "included", "included/s", "errors", "p50 ms", "p99 ms", "max ms" })
            table.AddColumn(new TableColumn(c).RightAligned());
        table.AddRow(Enumerable.Repeat("", 10).ToArray());
        return AnsiConsole.Live(table).AutoClear(false).StartAsync(async ctx =>
        {
            var last = Snapshot.Take(m);
            var lastRate = last;
            while (!done())
            {
                await Task.Delay(250).ConfigureAwait(false);
                var now = Snapshot.Take(m);
                if (now.Elapsed - lastRate.Elapsed >= 1) { last = lastRate; lastRate = now; }
                double dt = Math.Max(1e-3, now.Elapsed - last.Elapsed);
                table.UpdateCell(0, 0, $"{now.Elapsed:0.0} s");
                table.UpdateCell(0, 1, $"{now.Sent:N0}");
                table.UpdateCell(0, 2, $"{now.Accepted:N0}");
                table.UpdateCell(0, 3, $"{(now.Accepted - last.Accepted) / dt:N0}");
                table.UpdateCell(0, 4, $"{now.Included:N0}");
                table.UpdateCell(0, 5, $"{(now.Included - last.Included) / dt:N0}");
                table.UpdateCell(0, 6, now.Errors == 0 ? "0" : $"[red]{now.Errors:N0}[/]");
                table.UpdateCell(0, 7, $"{now.P50:0.###}");
                table.UpdateCell(0, 8, $"{now.P99:0.###}");
                table.UpdateCell(0, 9, $"{now.Max:0.###}");
                ctx.Refresh();
            }
        });
    }

    private readonly record struct Snapshot(double Elapsed, long Sent, long Accepted, long Included, long Errors, double P50, double P99, double Max)
    {
        public static Snapshot Take(RunMetrics m) => new(
            m.ElapsedSeconds(System.Diagnostics.Stopwatch.GetTimestamp()),
            Interlocked.Read(ref m.Sent), Interlocked.Read(ref m.Accepted), Interlocked.Read(ref m.Included),
            Interlocked.Read(ref m.Rejected) + Interlocked.Read(ref m.TransportErrors),
            m.Latency.Percentile(50) / 1000.0, m.Latency.Percentile(99) / 1000.0, m.Latency.Max / 1000.0);

        public string Line(Snapshot prev)
        {
            double dt = Math.Max(1e-3, Elapsed - prev.Elapsed);
            return $"t={Elapsed,6:0.0}s sent={Sent} accepted={Accepted} (+{(Accepted - prev.Accepted) / dt:0}/s) " +
                   $"included={Included} (+{(Included - prev.Included) / dt:0}/s) errors={Errors} " +
                   $"latency p50={P50:0.###}ms p99={P99:0.###}ms max={Max:0.###}ms";
        }
    }
}
