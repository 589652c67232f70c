using System.Diagnostics;
using LoadLeak.Correlator.Sampling.EventPipe;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace LoadLeak.Correlator.Retained;

/// <summary>
/// Induces a full blocking GC in a .NET target the way dotnet-gcdump does (an EventPipe session
/// with the GCHeapCollect keyword, but without the heap walk) and reads the heap size after it
/// from GCHeapStats: the sum of the generation sizes, i.e. what survived.
/// </summary>
public sealed class GcTrigger(int pid)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan StopBudget = TimeSpan.FromSeconds(3);

    /// <summary>Null when the target could not be reached or no full GC was reported in time.</summary>
    public async Task<InducedGc?> TriggerAsync(TimeSpan timeout, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        EventPipeSession session;
        try
        {
            session = await new DiagnosticsClient(pid)
                .StartEventPipeSessionAsync(CounterProviders.ForInducedGc(), false, 16, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return null;
        }

        var result = new TaskCompletionSource<InducedGc>(TaskCreationOptions.RunContinuationsAsynchronously);
        var processing = Task.Factory.StartNew(() => Process(session, result, started), CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct);
            linked.CancelAfter(timeout);
            var winner = await Task.WhenAny(result.Task, Task.Delay(Timeout.Infinite, linked.Token)).ConfigureAwait(false);
            return winner == result.Task ? await result.Task.ConfigureAwait(false) : null;
        }
        finally
        {
            await StopAsync(session, processing).ConfigureAwait(false);
        }
    }

    private static void Process(EventPipeSession session, TaskCompletionSource<InducedGc> result, long started)
    {
        try
        {
            using var source = new EventPipeEventSource(session.EventStream);
            long? fullGc = null;
            source.Clr.GCStart += e => Guard(() =>
            {
                if (fullGc is null && e.Depth == 2 && e.Type != GCType.BackgroundGC) fullGc = e.Count;
            });
            source.Clr.GCHeapStats += e => Guard(() =>
            {
                if (fullGc is not { } number) return;
                var survived = (double)e.GenerationSize0 + e.GenerationSize1 + e.GenerationSize2 + e.GenerationSize3 + e.GenerationSize4;
                var at = Stopwatch.GetTimestamp();
                result.TrySetResult(new InducedGc(survived, Stopwatch.GetElapsedTime(started, at), number, at));
            });
            source.Process();
        }
        catch (Exception)
        {
            // The stream closes when we stop the session or the target dies; the caller times out.
        }
    }

    // An exception escaping a TraceEvent callback stops processing and can hang Stop().
    private static void Guard(Action action)
    {
        try { action(); }
        catch (Exception) { /* one unreadable event must not stall the session */ }
    }

    private static async Task StopAsync(EventPipeSession session, Task processing)
    {
        try
        {
            var stop = Task.Run(() =>
            {
                try { session.Stop(); }
                catch (Exception) { /* target gone */ }
            });
            await Task.WhenAny(stop, Task.Delay(StopBudget)).ConfigureAwait(false);
            await Task.WhenAny(processing, Task.Delay(StopBudget)).ConfigureAwait(false);
        }
        finally
        {
            session.Dispose();
        }
    }
}
