using System.Collections.Concurrent;

namespace TargetService.Leaks;

/// <summary>The classic map that only grows: every request adds an entry under a unique key.</summary>
public sealed class StaticCacheLeak : EveryPathLeak
{
    private static readonly ConcurrentDictionary<string, byte[]> Cache = new();

    public override string Name => "static-cache";

    protected override void OnRequest(long requestNumber) =>
        Cache[$"request-{requestNumber}"] = new byte[1024 + (int)(requestNumber % 3072)];
}
