using System.Diagnostics;
using System.Text;
using LoadLeak.Correlator.Forensics;

namespace LoadLeak.Tests.Correlator.Forensics;

public class ThreadStopMeterTests
{
    [Theory]
    [InlineData("4242 (dotnet) t 1 4242 4242 0 -1", true)]
    [InlineData("4243 (.NET TP Worker) t 1 4242", true)]
    [InlineData("4244 (a) t) S 1 4242", false)]
    [InlineData("4245 (stop) T 1 4242", false)] // SIGSTOP (job control), not a tracer's stop
    [InlineData("4246 (t) R 1", false)]
    [InlineData("garbage", false)]
    public void Tracing_stop_is_the_state_after_the_last_parenthesis(string stat, bool stopped) =>
        Assert.Equal(stopped, ThreadStopMeter.IsTracingStop(Encoding.ASCII.GetBytes(stat)));

    [Fact]
    public void A_process_that_is_never_traced_yields_no_pause_and_neither_does_one_stopped_by_a_signal()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var child = Process.Start(new ProcessStartInfo("sleep", "30") { UseShellExecute = false })!;
        try
        {
            using var running = ThreadStopMeter.TryStart(child.Id, TimeSpan.FromMilliseconds(1))!;
            Thread.Sleep(50);
            Assert.Null(running.Stop());

            using var stopped = Process.Start("kill", ["-STOP", child.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
            stopped.WaitForExit();
            using var meter = ThreadStopMeter.TryStart(child.Id, TimeSpan.FromMilliseconds(1))!;
            Thread.Sleep(50);
            Assert.Null(meter.Stop());
        }
        finally
        {
            child.Kill();
            child.WaitForExit();
        }
    }

    [Fact]
    public void A_process_that_is_gone_cannot_be_metered() =>
        Assert.Null(ThreadStopMeter.TryStart(int.MaxValue, TimeSpan.FromMilliseconds(1)));
}
