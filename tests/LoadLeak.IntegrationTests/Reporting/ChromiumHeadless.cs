using System.Diagnostics;
using System.Text.RegularExpressions;

namespace LoadLeak.IntegrationTests.Reporting;

/// <summary>
/// Drives Debian's chromium through its own CLI: one headless run per action, a fresh profile
/// each time, no network services. Chromium logs every page console message (errors, uncaught
/// exceptions, CSP violations) to stderr as "CONSOLE" lines with --enable-logging=stderr.
/// </summary>
public static partial class ChromiumHeadless
{
    /// <summary>Debian's chromium; LOADLEAK_CHROMIUM points elsewhere (and lets the skip/fail path itself be tried).</summary>
    public static string Executable { get; } = Environment.GetEnvironmentVariable("LOADLEAK_CHROMIUM") is { Length: > 0 } path ? path
        : "/usr/bin/chromium";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(180);

    public static bool IsInstalled => File.Exists(Executable);

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public sealed record Result(string Stdout, IReadOnlyList<string> ConsoleMessages, int ExitCode);

    public static Result DumpDom(string htmlPath) => Run(htmlPath, "--dump-dom");

    /// <summary>The DOM after layout in a window of the given width (scripts the test injected have run by then).</summary>
    public static Result DumpDom(string htmlPath, int windowWidth) =>
        Run(htmlPath, "--dump-dom", $"--window-size={windowWidth},3000", "--hide-scrollbars");

    public static Result Screenshot(string htmlPath, string pngPath) =>
        Run(htmlPath, $"--screenshot={pngPath}", "--window-size=1400,3000", "--hide-scrollbars");

    private static Result Run(string htmlPath, params string[] action)
    {
        var profile = Directory.CreateTempSubdirectory("ll-chromium-").FullName;
        try
        {
            var start = new ProcessStartInfo(Executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in (string[])
                     ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                      "--disable-background-networking", "--disable-component-update", "--disable-sync",
                      $"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", .. action,
                      new Uri(Path.GetFullPath(htmlPath)).AbsoluteUri])
                start.ArgumentList.Add(arg);

            using var process = Process.Start(start) ?? throw new InvalidOperationException("chromium did not start");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"chromium did not finish within {Timeout.TotalSeconds} s");
            }
            var console = stderr.Result.Split('\n').Where(l => ConsoleLine().IsMatch(l)).ToList();
            return new Result(stdout.Result, console, process.ExitCode);
        }
        finally
        {
            try { Directory.Delete(profile, recursive: true); } catch (IOException) { /* chromium helpers may linger a moment */ }
        }
    }

    /// <summary>The report ships no script, so any console output at all (error, exception, blocked load) is a defect.</summary>
    public static void AssertNoConsoleMessages(Result result)
    {
        if (result.ConsoleMessages.Count > 0)
            throw new Xunit.Sdk.XunitException("The page wrote to the browser console:\n" + string.Join("\n", result.ConsoleMessages));
    }

    [GeneratedRegex(@":CONSOLE[:(]|Uncaught ")]
    private static partial Regex ConsoleLine();
}

/// <summary>
/// A fact that needs chromium: skipped with the reason when it is not installed on a developer
/// machine, but run (and so failed) on CI, where a missing browser must not pass silently.
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!ChromiumHeadless.IsInstalled && !ChromiumHeadless.IsCi)
            Skip = $"{ChromiumHeadless.Executable} not found: install it with `apt-get install chromium` (on CI, with CI=true, this test fails " +
                "instead of skipping).";
    }
}
