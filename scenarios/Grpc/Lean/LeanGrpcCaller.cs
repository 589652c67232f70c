using System.Buffers.Binary;
using System.Net;
using Google.Protobuf;
using LoadLeak.Protos;
using LoadLeak.Scenarios.Grpc.Lean.Hpack;

namespace LoadLeak.Scenarios.Grpc.Lean;

/// <summary>
/// The lean gRPC client (CustomSettings Client "lean"): MaxConnections h2c connections of its own, calls spread
/// round-robin over them, each call the same prepared header block and request message. It trades
/// Grpc.Net.Client's generality (TLS, compression, retries, interceptors) for less client CPU per call, so a
/// co-located load generator leaves more of the machine to the target.
/// </summary>
internal sealed class LeanGrpcCaller : IGrpcCaller
{
    private readonly LeanCallShape _shape;
    private readonly RoundRobin<LeanConnectionSlot> _slots;

    public LeanGrpcCaller(GrpcSettings settings, QueryRequest request)
    {
        if (settings.Address.Scheme != Uri.UriSchemeHttp)
            throw new ArgumentException($"the lean gRPC client speaks h2c only, not {settings.Address.Scheme}", nameof(settings));
        var shape = _shape = new LeanCallShape(
            new DnsEndPoint(settings.Address.DnsSafeHost, settings.Address.Port),
            RequestHeaderBlock.Build(settings.Address.Authority, PathOf(settings.Call),
                DeadlineHeaderHandler.Format(settings.Deadline), settings.Template.BenchmarkId),
            Frame(request),
            settings.Call == GrpcCall.Unary,
            settings.InlineCompletions);
        _slots = new(Enumerable.Range(0, settings.MaxConnections).Select(_ => new LeanConnectionSlot(shape)).ToArray());
    }

    /// <summary>
    /// Calls started while a read loop dispatches (the calls that read completed, starting their next ones) all go to
    /// one connection, the one with the fewest open streams, so they leave in one send and the server reads them in
    /// one go; spread round-robin they left in a small send on every connection and woke the server twice as often.
    /// Other calls (the first ones, those after a deadline) go round-robin.
    /// </summary>
    public ValueTask<long> CallAsync(CancellationToken token)
    {
        if (!SendBatch.IsOpen) return _slots.Next().CallAsync(token);
        if (SendBatch.Target is { } target && ReferenceEquals(target.Shape, _shape) && target.TryCall(token, out var call)) return call;
        Http2Connection? least = null;
        foreach (var slot in _slots.Items)
            if (slot.Current is { } current && (least is null || current.OpenStreams < least.OpenStreams)) least = current;
        if (least is null || !least.TryCall(token, out call)) return _slots.Next().CallAsync(token);
        SendBatch.Target = least;
        return call;
    }

    public void Dispose()
    {
        foreach (var slot in _slots.Items) slot.Dispose();
    }

    private static string PathOf(GrpcCall call) =>
        "/" + Benchmark.Descriptor.FullName + "/" + (call == GrpcCall.Unary ? "Query" : "QueryStream");

    /// <summary>The request as gRPC frames it: flag 0 (uncompressed), 4-byte big-endian length, the message.</summary>
    private static byte[] Frame(QueryRequest request)
    {
        var message = request.ToByteArray();
        var frame = new byte[5 + message.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)message.Length);
        message.CopyTo(frame, 5);
        return frame;
    }
}
