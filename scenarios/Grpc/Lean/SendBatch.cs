namespace LoadLeak.Scenarios.Grpc.Lean;

/// <summary>
/// While a read loop dispatches one read's frames, the calls those frames complete run their continuations on the
/// same thread and start their next calls, spread round-robin over all the connections. Instead of one send per
/// call on each of them, every connection touched during the dispatch is flushed once when it ends, the way an
/// event-loop client writes once per loop iteration.
/// </summary>
internal static class SendBatch
{
    [ThreadStatic] private static int _depth;
    [ThreadStatic] private static List<Http2Connection>? _deferred;

    public static bool IsOpen => _depth > 0;

    /// <summary>The connection the calls started in this batch go to; null until the first one picks it.</summary>
    [field: ThreadStatic]
    public static Http2Connection? Target { get; set; }

    public static void Open() => _depth++;

    /// <summary>Flushes the connection when the batch closes (only while <see cref="IsOpen"/>).</summary>
    public static void Defer(Http2Connection connection)
    {
        var deferred = _deferred ??= [];
        if (!deferred.Contains(connection)) deferred.Add(connection);
    }

    public static void Close()
    {
        if (--_depth > 0) return;
        Target = null;
        if (_deferred is not { } deferred) return;
        // A failed flush fails its calls, whose continuations may start calls here again: those send at once.
        while (deferred.Count > 0)
        {
            var connection = deferred[^1];
            deferred.RemoveAt(deferred.Count - 1);
            connection.FlushDeferred();
        }
    }
}
