using System.Diagnostics;

namespace LoadLeak.IntegrationTests.Correlator;

/// <summary>
/// A tiny .NET console program, built once per test run into a temp folder, that keeps a growing
/// list of 1 MB arrays alive (and churns garbage) so the correlator has a real heap to watch.
/// </summary>
public sealed class LeakyChild : IDisposable
{
    private const string Program = """
        using System.Collections.Generic;
        using System.Threading;
        var held = new List<byte[]>();
        var holdMb = int.Parse(args[0]);
        var stepMs = int.Parse(args[1]);
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        System.Console.WriteLine("ready");
        while (deadline.Elapsed.TotalSeconds < 60)
        {
            if (held.Count < holdMb) { var a = new byte[1024 * 1024]; a[0] = 1; held.Add(a); }
            for (var i = 0; i < 200; i++) { var garbage = new byte[1024]; garbage[0] = 1; }
            Thread.Sleep(stepMs);
        }
        System.GC.KeepAlive(held);
        """;

    private const string Project = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <ImplicitUsings>disable</ImplicitUsings>
            <Nullable>disable</Nullable>
            <AssemblyName>leaky-child</AssemblyName>
          </PropertyGroup>
        </Project>
        """;

    private static readonly Lazy<string> BuiltDll = new(Build);

    public string DllPath => BuiltDll.Value;

    public Process Start(int holdMb, int stepMs)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        // The default gen0 budget follows the host's cache size: on a large one the child's 2 MB/s of garbage met
        // one GC in 16 s, and the post-GC heap the tests judge never moved. 4 MB gives a GC every two seconds anywhere.
        psi.Environment["DOTNET_GCgen0size"] = "0x400000";
        foreach (var a in new[] { "exec", DllPath, holdMb.ToString(), stepMs.ToString() }) psi.ArgumentList.Add(a);
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

    private static string Build()
    {
        var dir = Path.Combine(Path.GetTempPath(), "loadleak-correlator-child-" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Program + Project)))[..12]);
        var dll = Path.Combine(dir, "out", "leaky-child.dll");
        if (File.Exists(dll)) return dll;
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "leaky-child.csproj"), Project);
        File.WriteAllText(Path.Combine(dir, "Program.cs"), Program);
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "build", "-c", "Release", "-o", "out", "-m:1", "-nologo" }) psi.ArgumentList.Add(a);
        using var build = Process.Start(psi)!;
        var output = build.StandardOutput.ReadToEndAsync();
        if (!build.WaitForExit(180_000)) { Kill(build); throw new TimeoutException("building the child timed out"); }
        if (build.ExitCode != 0 || !File.Exists(dll)) throw new InvalidOperationException("child build failed:\n" + output.Result);
        return dll;
    }

    public void Dispose() { }
}
