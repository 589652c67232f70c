using System.Diagnostics;

namespace LoadLeak.Scenarios.Timing;

/// <summary>
/// One timeout token (the HTTP timeout, the gRPC deadline) shared by every request that starts within the same time slice (1/16 of the
/// timeout), instead of HttpClient's linked CancellationTokenSource and timer per request, which cost
/// a measurable share of the client's CPU per request. A slice's token fires <c>timeout + slice</c>
/// after the slice began, so a request is never cut before its full timeout and at most one slice
/// (6.25 %) after it. Each slice is linked to the run's token, so stopping the run cancels it too.
/// </summary>
internal sealed class SharedTimeout(TimeSpan timeout) : IDisposable
{
    private const int SlicesPerTimeout = 16;

    private readonly long _sliceTicks = Math.Max(1, (long)(timeout.TotalSeconds * Stopwatch.Frequency / SlicesPerTimeout));
    private readonly TimeSpan _lifetime = timeout + timeout / SlicesPerTimeout;
    private readonly Queue<Slice> _expiring = new();
    private readonly Lock _roll = new();
    private Slice? _current;
    private bool _disposed;

    public TimeSpan Timeout => timeout;

    /// <summary>The token for a request starting at <paramref name="startTimestamp"/> (Stopwatch ticks) under the run's token.</summary>
    public CancellationToken For(long startTimestamp, CancellationToken run)
    {
        var slice = Volatile.Read(ref _current);
        if (slice is not null && startTimestamp < slice.EndTimestamp && slice.Run == run) return slice.Token;
        return Roll(startTimestamp, run);
    }

    private CancellationToken Roll(long startTimestamp, CancellationToken run)
    {
        lock (_roll)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var slice = _current;
            if (slice is not null && startTimestamp < slice.EndTimestamp && slice.Run == run) return slice.Token;
            DisposeExpired();
            var now = Stopwatch.GetTimestamp();
            var source = CancellationTokenSource.CreateLinkedTokenSource(run);
            source.CancelAfter(_lifetime);
            var next = new Slice(source, run, now + _sliceTicks, now + (long)(_lifetime.TotalSeconds * Stopwatch.Frequency));
            if (slice is not null) _expiring.Enqueue(slice);
            Volatile.Write(ref _current, next);
            return next.Token;
        }
    }

    // A slice past its deadline has fired; disposing it unregisters it from the run's token, so a long
    // run does not pile up registrations there. At most ~17 slices are alive at once.
    private void DisposeExpired()
    {
        var now = Stopwatch.GetTimestamp();
        while (_expiring.TryPeek(out var oldest) && (oldest.DeadlineTimestamp < now || oldest.Source.IsCancellationRequested))
            _expiring.Dequeue().Source.Dispose();
    }

    public void Dispose()
    {
        lock (_roll)
        {
            _disposed = true;
            while (_expiring.TryDequeue(out var slice)) slice.Source.Dispose();
            _current?.Source.Dispose();
            _current = null;
        }
    }

    private sealed class Slice(CancellationTokenSource source, CancellationToken run, long endTimestamp, long deadlineTimestamp)
    {
        public CancellationTokenSource Source { get; } = source;
        public CancellationToken Token { get; } = source.Token;
        public CancellationToken Run { get; } = run;
        public long EndTimestamp { get; } = endTimestamp;
        public long DeadlineTimestamp { get; } = deadlineTimestamp;
    }
}
