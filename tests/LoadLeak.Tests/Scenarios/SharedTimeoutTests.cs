using System.Diagnostics;
using LoadLeak.Scenarios.Timing;

namespace LoadLeak.Tests.Scenarios;

public class SharedTimeoutTests
{
    [Fact]
    public async Task Fires_no_earlier_than_the_timeout()
    {
        using var timeout = new SharedTimeout(TimeSpan.FromMilliseconds(200));
        var started = Stopwatch.GetTimestamp();
        var token = timeout.For(started, CancellationToken.None);
        Assert.False(token.IsCancellationRequested);

        var fired = new TaskCompletionSource<long>();
        token.Register(() => fired.TrySetResult(Stopwatch.GetTimestamp()));
        var at = await fired.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.True(Stopwatch.GetElapsedTime(started, at) >= TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Requests_in_one_slice_share_a_token_and_a_later_slice_gets_a_new_one()
    {
        using var timeout = new SharedTimeout(TimeSpan.FromSeconds(16));
        var now = Stopwatch.GetTimestamp();
        var first = timeout.For(now, CancellationToken.None);
        Assert.Equal(first, timeout.For(now, CancellationToken.None));
        var twoSecondsLater = now + 2 * Stopwatch.Frequency; // beyond the 1 s slice of a 16 s timeout
        Assert.NotEqual(first, timeout.For(twoSecondsLater, CancellationToken.None));
    }

    [Fact]
    public void Stopping_the_run_cancels_the_shared_token()
    {
        using var timeout = new SharedTimeout(TimeSpan.FromSeconds(30));
        using var run = new CancellationTokenSource();
        var token = timeout.For(Stopwatch.GetTimestamp(), run.Token);
        run.Cancel();
        Assert.True(token.IsCancellationRequested);
        // a new run token never reuses the old run's slice
        Assert.False(timeout.For(Stopwatch.GetTimestamp(), CancellationToken.None).IsCancellationRequested);
    }

    [Fact]
    public void Disposed_timeout_refuses_new_tokens()
    {
        var timeout = new SharedTimeout(TimeSpan.FromSeconds(1));
        timeout.For(Stopwatch.GetTimestamp(), CancellationToken.None);
        timeout.Dispose();
        Assert.Throws<ObjectDisposedException>(() => timeout.For(Stopwatch.GetTimestamp() + Stopwatch.Frequency, CancellationToken.None));
    }
}
