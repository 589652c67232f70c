using System.Diagnostics;
using System.Globalization;
using LoadLeak.Correlator.Sampling.EventPipe;

namespace LoadLeak.IntegrationTests.Correlator;

/// <summary>Which pids are .NET: a diagnostics socket left behind by a killed .NET process must not make its pid's next owner .NET.</summary>
public sealed class DotNetProbeTests
{
    [Fact]
    public void A_stale_diagnostics_socket_of_an_earlier_process_with_the_same_pid_does_not_make_a_process_dotnet()
    {
        using var sleep = Process.Start(new ProcessStartInfo("sleep", "30") { UseShellExecute = false })!;
        var pid = sleep.Id.ToString(CultureInfo.InvariantCulture);
        var started = DotNetProbe.StartTime(sleep.Id);
        Assert.NotNull(started);
        var stale = Path.Combine(Path.GetTempPath(), $"dotnet-diagnostic-{pid}-{started!.Value - 1}-socket");
        var live = Path.Combine(Path.GetTempPath(), $"dotnet-diagnostic-{pid}-{started.Value}-socket");
        try
        {
            File.WriteAllText(stale, "");
            Assert.False(DotNetProbe.HasDiagnosticsSocket(sleep.Id));

            File.WriteAllText(live, "");
            Assert.True(DotNetProbe.HasDiagnosticsSocket(sleep.Id));
        }
        finally
        {
            File.Delete(stale);
            File.Delete(live);
            sleep.Kill();
        }
    }

    [Fact]
    public void A_running_dotnet_process_is_recognised() => Assert.True(DotNetProbe.HasDiagnosticsSocket(Environment.ProcessId));
}
