namespace LoadLeak.Scenarios.Grpc.Lean;

/// <summary>
/// Transparent retries: a call the server did not process (above a GOAWAY's last stream id, still queued behind
/// MAX_CONCURRENT_STREAMS on a connection that got GOAWAY, or reset with REFUSED_STREAM before its response
/// headers) leaves its connection unsettled and goes back to its slot, which hands it to the current connection
/// or a new one. Once per call, so a server that keeps refusing ends the call with Unavailable.
/// </summary>
internal sealed partial class Http2Connection
{
    /// <summary>
    /// Carries a call another connection did not process (its <see cref="LeanStream.PrepareRetry"/> done); false when
    /// this one takes no new streams. A call cancelled on the way is dropped here: its canceller settled it.
    /// </summary>
    public bool TryAdopt(LeanStream stream)
    {
        bool flush;
        lock (_sync)
        {
            if (_closed || _draining) return false;
            stream.Connection = this;
            if (stream.IsSettled) return true;
            if (_streams.Count >= _peer.MaxConcurrentStreams) _waiting.Enqueue(stream);
            else StartLocked(stream);
            flush = !SendBatch.IsOpen && _outbox.ClaimSend();
        }
        SendSoon(flush);
        return true;
    }

    /// <summary>Hands a call the server did not process to the slot for its one retry; false when it had it already.</summary>
    private bool TryRetry(LeanStream stream)
    {
        if (stream.IsSettled || !stream.PrepareRetry()) return false;
        _retry(stream);
        return true;
    }

    /// <summary>Takes an unsettled stream off this connection without settling it; false when it is no longer here.</summary>
    private bool Detach(LeanStream stream)
    {
        if (stream.IsSettled) return false;
        bool drained;
        lock (_sync)
        {
            if (!_streams.Remove(stream.Id)) return false;
            if (stream.BodyBlocked) _blocked.Remove(stream);
            stream.BodyBlocked = false;
            StartWaitingLocked();
            drained = _draining && !_closed && _streams.Count == 0 && _waiting.All(waiting => waiting.IsSettled);
        }
        if (drained) Abort("the connection drained after GOAWAY");
        return true;
    }
}
