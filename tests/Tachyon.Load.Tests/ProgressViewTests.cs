using System.Diagnostics;
using Tachyon.Load.Load;

namespace Tachyon.Load.Tests;

public class ProgressViewTests
{
    [Fact]
    public async Task Redirected_output_gets_one_plain_line_per_second_with_the_counts()
    {
        var m = new RunMetrics(txCount: 10, seconds: 5);
        m.Begin();
        long t = Stopwatch.GetTimestamp();
        for (int i = 0; i < 3; i++)
        {
            m.OnSend(i, t);
            m.OnAccepted(t, t);
            m.OnIncluded(i, t + Stopwatch.Frequency / 500, success: true); // 2 ms
        }
        m.OnError("nonce too low", transport: false, t);
        var output = new StringWriter();
        bool done = false;
        Task view = ProgressView.PlainAsync(m, () => Volatile.Read(ref done), output);
        await Task.Delay(1300);
        Volatile.Write(ref done, true);
        await view;
        string line = output.ToString().Split('\n')[0];
        Assert.Contains("sent=3 accepted=3", line);
        Assert.Contains("included=3", line);
        Assert.Contains("errors=1", line);
        Assert.Contains("p50=2ms", line);
    }
}
