using System.Diagnostics;

namespace LoadLeak.Targets;

/// <summary>Polls a readiness URL until it answers 2xx, the target exits, or time runs out.</summary>
internal static class ReadinessProbe
{
    public static async Task<double> WaitAsync(Uri url, ITarget target, TimeSpan timeout, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        string lastProblem = "no answer yet";
        while (watch.Elapsed < timeout)
        {
            ct.ThrowIfCancellationRequested();
            if (target.HasExited)
                throw new Cli.InfrastructureException(
                    $"the target exited (code {target.ExitCode?.ToString() ?? "?"}) before {url} answered" + TailOf(target));
            if (url.Scheme == "tcp")
            {
                if (await TcpAcceptsAsync(url, ct)) return watch.Elapsed.TotalSeconds;
                lastProblem = "connection refused";
                await Task.Delay(100, ct);
                continue;
            }
            try
            {
                using var response = await client.GetAsync(url, ct);
                if (response.IsSuccessStatusCode) return watch.Elapsed.TotalSeconds;
                lastProblem = $"HTTP {(int)response.StatusCode}";
            }
            catch (HttpRequestException ex) { lastProblem = ex.Message; }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested) { lastProblem = "timed out"; }
            await Task.Delay(100, ct);
        }
        throw new Cli.InfrastructureException(
            $"the target was not ready after {timeout.TotalSeconds:0} s: {url} gave '{lastProblem}'" + TailOf(target));
    }

    private static async Task<bool> TcpAcceptsAsync(Uri url, CancellationToken ct)
    {
        using var client = new System.Net.Sockets.TcpClient();
        try
        {
            await client.ConnectAsync(url.Host, url.Port, ct);
            return true;
        }
        catch (System.Net.Sockets.SocketException) { return false; }
    }

    private static string TailOf(ITarget target) =>
        target is LaunchedTarget launched && launched.Tail.Length > 0
            ? Environment.NewLine + "last output of the target:" + Environment.NewLine + launched.Tail
            : "";
}
