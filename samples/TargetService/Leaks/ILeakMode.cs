using Grpc.Core;

namespace TargetService.Leaks;

/// <summary>A leak fixture (or a look-alike that is not a leak), called once per request on each path.</summary>
public interface ILeakMode
{
    string Name { get; }
    void OnHttp(HttpContext context);
    void OnGrpc(ServerCallContext context);
    void OnKafka(string benchmarkId, int valueBytes);
}

/// <summary>Most fixtures do the same thing on every path: they only need the per-request hook.</summary>
public abstract class EveryPathLeak : ILeakMode
{
    private long _requests;

    public abstract string Name { get; }
    public void OnHttp(HttpContext context) => OnRequest(Interlocked.Increment(ref _requests));
    public void OnGrpc(ServerCallContext context) => OnRequest(Interlocked.Increment(ref _requests));
    public void OnKafka(string benchmarkId, int valueBytes) => OnRequest(Interlocked.Increment(ref _requests));

    protected abstract void OnRequest(long requestNumber);
}

public sealed class NullLeakMode : ILeakMode
{
    public static readonly NullLeakMode Instance = new();
    public string Name => "none";
    public void OnHttp(HttpContext context) { }
    public void OnGrpc(ServerCallContext context) { }
    public void OnKafka(string benchmarkId, int valueBytes) { }
}

public sealed class CompositeLeakMode(IReadOnlyList<ILeakMode> modes) : ILeakMode
{
    public string Name => string.Join(",", modes.Select(m => m.Name));
    public void OnHttp(HttpContext context) { foreach (var mode in modes) mode.OnHttp(context); }
    public void OnGrpc(ServerCallContext context) { foreach (var mode in modes) mode.OnGrpc(context); }
    public void OnKafka(string benchmarkId, int valueBytes) { foreach (var mode in modes) mode.OnKafka(benchmarkId, valueBytes); }
}
