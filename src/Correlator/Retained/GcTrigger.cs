using System.Diagnostics;
using LoadLeak.Correlator.Sampling.EventPipe;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace LoadLeak.Correlator.Retained;

/// <summary>
/// Induces a full blocking GC in a .NET target the way dotnet-gcdump does (an EventPipe session
/// with the GCHeapCollect keyword, but without the heap walk) and reads from GCHeapStats what survived
/// it: the bytes each generation promoted. The generations' sizes would include free space (the large
/// object heap is not compacted), which comes and goes with allocation patterns, not with what the
/// target holds; they are kept beside, for matching the post-GC counter. The GC is matched by
/// its number, reason and generation (<see cref="GcMatch"/>); a session that sees none in time
/// is stopped and one more is started (which induces another GC). Requests wait for a heap dump
/// of the same target to finish (<see cref="TargetGate"/>); the timeout runs from the session's start.
/// </summary>
internal sealed class GcTrigger(int pid, TimeSpan? startBudget = null)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);
    private const int Attempts = 2;
    private static readonly TimeSpan StopBudget = TimeSpan.FromSeconds(3);

    /// <summary>The runtime runs the induced GC inside the session start (about a second for a large heap; see
    /// bench/README), so the start gets a budget of its own, large enough for a big heap on a busy machine; only a
    /// stopped target exceeds it.</summary>
    public static readonly TimeSpan DefaultStartBudget = TimeSpan.FromSeconds(30);

    private readonly TimeSpan _startBudget = startBudget ?? DefaultStartBudget;

    /// <summary>What the last call saw when it matched nothing: the GCs of each session, or why none started.</summary>
    public IReadOnlyList<string> MissReasons { get; private set; } = [];

    /// <summary>Null when the target could not be reached or no induced full GC was reported in time, twice.</summary>
    public async Task<InducedGc?> TriggerAsync(TimeSpan timeout, CancellationToken ct)
    {
        var requested = Stopwatch.GetTimestamp();
        using (await TargetGate.EnterAsync(pid, "an induced full GC", ct).ConfigureAwait(false))
        {
            var waited = Stopwatch.GetElapsedTime(requested);
            var misses = new List<string>();
            for (var attempt = 1; attempt <= Attempts; attempt++)
            {
                var (gc, miss) = await AttemptAsync(timeout, ct).ConfigureAwait(false);
                if (gc is not null)
                {
                    MissReasons = misses;
                    return gc with { Attempt = attempt, WaitedForDump = waited };
                }
                misses.Add($"attempt {attempt}: {miss}");
                if (miss.StartsWith(Unreachable, StringComparison.Ordinal)) break;
            }
            MissReasons = misses;
            return null;
        }
    }

    private const string Unreachable = "target unreachable";

    private async Task<(InducedGc? Gc, string Miss)> AttemptAsync(TimeSpan timeout, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct);
        linked.CancelAfter(_startBudget);
        EventPipeSession session;
        try
        {
            session = await new DiagnosticsClient(pid)
                .StartEventPipeSessionAsync(CounterProviders.ForInducedGc(), false, 16, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return (null, $"the session did not start within {_startBudget.TotalSeconds:0} s (target stopped?)");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return (null, $"{Unreachable}: {ex.Message}");
        }
        linked.CancelAfter(timeout);

        var match = new GcMatch();
        var result = new TaskCompletionSource<InducedGc>(TaskCreationOptions.RunContinuationsAsynchronously);
        var processing = Task.Factory.StartNew(() => Process(session, match, result, started), CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            var winner = await Task.WhenAny(result.Task, Task.Delay(Timeout.Infinite, linked.Token)).ConfigureAwait(false);
            if (winner == result.Task) return (await result.Task.ConfigureAwait(false), "");
            ct.ThrowIfCancellationRequested();
        }
        finally
        {
            await StopAsync(session, processing).ConfigureAwait(false);
        }
        return AfterStop(result.Task, match, timeout);
    }

    /// <summary>
    /// The outcome of a session that timed out, read once it has stopped. Stopping flushes the events the runtime still
    /// buffered (a busy target's buffers can hold them past the timeout), so the GC may have been matched only now: it
    /// happened, and it counts, rather than being reported missing and induced a second time.
    /// </summary>
    internal static (InducedGc? Gc, string Miss) AfterStop(Task<InducedGc> matched, GcMatch match, TimeSpan timeout)
    {
        if (matched.IsCompletedSuccessfully) return (matched.Result with { ArrivedAfterTimeout = true }, "");
        // The callbacks are done with the trace by now (or never will touch it again).
        var seen = match.Trace.Count == 0 ? "no GC events" : "GCs seen: " + string.Join(", ", match.Trace);
        var what = match.GcNumber is { } n ? $"induced GC #{n} started but its end or heap stats did not arrive" : "no induced full GC";
        return (null, $"{what} within {timeout.TotalSeconds:0.#} s ({seen})");
    }

    private static void Process(EventPipeSession session, GcMatch match, TaskCompletionSource<InducedGc> result, long started)
    {
        try
        {
            using var source = new EventPipeEventSource(session.EventStream);
            void Complete()
            {
                if (match.Survived is not { } survived || match.GcNumber is not { } number) return;
                var at = Stopwatch.GetTimestamp();
                result.TrySetResult(new InducedGc(survived, Stopwatch.GetElapsedTime(started, at), number, at)
                {
                    HeapSizeBytes = match.HeapSize ?? survived,
                });
            }
            source.Clr.GCStart += e => Guard(() => match.OnStart(e.Count, e.Depth, e.Reason, e.Type));
            source.Clr.GCHeapStats += e => Guard(() =>
            {
                match.OnHeapStats(
                    (double)e.TotalPromotedSize0 + e.TotalPromotedSize1 + e.TotalPromotedSize2 + e.TotalPromotedSize3 + e.TotalPromotedSize4,
                    (double)e.GenerationSize0 + e.GenerationSize1 + e.GenerationSize2 + e.GenerationSize3 + e.GenerationSize4);
                Complete();
            });
            source.Clr.GCStop += e => Guard(() =>
            {
                match.OnEnd(e.Count);
                Complete();
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
