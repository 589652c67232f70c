using System.Diagnostics;
using LoadLeak.IntegrationTests.Correlator.Forensics;

namespace LoadLeak.IntegrationTests.Correlator;

/// <summary>
/// The LeakyApp fixture in its self-driven steady-growth mode: keeps a growing list of 1 MB arrays alive
/// (and churns garbage) so the correlator has a real heap to watch.
/// </summary>
public sealed class LeakyChild : IDisposable
{
    public string DllPath => LeakyProcess.AppDll;

    public Process Start(int holdMb, int stepMs)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        // The default gen0 budget follows the host's cache size: on a large one the child's 2 MB/s of garbage met
        // one GC in 16 s, and the post-GC heap the tests judge never moved. 4 MB gives a GC every two seconds anywhere.
        psi.Environment["DOTNET_GCgen0size"] = "0x400000";
        foreach (var a in new[] { "exec", DllPath, "steady-growth", holdMb.ToString(), stepMs.ToString() }) psi.ArgumentList.Add(a);
        var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start dotnet");
        // Wait for the runtime to be up (and its diagnostics socket published) before attaching.
        var ready = process.StandardOutput.ReadLineAsync();
        if (!ready.Wait(TimeSpan.FromSeconds(15))) { Kill(process); throw new TimeoutException("child did not start"); }
        return process;
    }

    public static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (InvalidOperationException) { }
    }

    public void Dispose() { }
}
