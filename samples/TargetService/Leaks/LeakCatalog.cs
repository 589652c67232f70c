namespace TargetService.Leaks;

public static class LeakCatalog
{
    private static readonly (string Name, string Description, Func<ILeakMode> Create)[] Modes =
    [
        ("static-cache", "LEAK: static dictionary keyed per request, 1-4 KB each, never evicted", () => new StaticCacheLeak()),
        ("pending-tasks", "LEAK: a task per request waits for a reply that never comes; cancellation not passed down", () => new PendingTasksLeak()),
        ("stale-pool", "LEAK: object pool that keeps every returned 64 KB buffer (one per 32 requests)", () => new StalePoolLeak()),
        ("context-list", "LEAK: middleware keeps each HttpContext's data in a static list", () => new ContextListLeak()),
        ("timers", "LEAK: a System.Threading.Timer per request, rooted in a list, never disposed", () => new TimersLeak()),
        ("threads", "LEAK: a dedicated thread per 1000 requests that blocks forever", () => new ThreadsLeak()),
        ("grpc-only", "LEAK: 4 KB retained per request, only on the gRPC path", () => new GrpcOnlyLeak()),
        ("kafka-only", "LEAK: 4 KB retained per message, only on the Kafka consumer path", () => new KafkaOnlyLeak()),
        ("bounded-cache", "clean: cache of 1 KB entries that fills to 20,000 entries and plateaus", () => new BoundedCache()),
        ("one-time", "clean: one 64 MB allocation on the first request, kept for the process lifetime", () => new OneTimeAllocation()),
        ("sawtooth", "clean: a 4 MB short-lived allocation every 100 requests", () => new SawtoothAllocation()),
    ];

    public static IReadOnlyList<string> Names { get; } = Modes.Select(m => m.Name).ToArray();

    public static IEnumerable<(string Name, string Description)> Descriptions => Modes.Select(m => (m.Name, m.Description));

    public static ILeakMode Create(IReadOnlyList<string> names) => names.Count switch
    {
        0 => NullLeakMode.Instance,
        1 => CreateOne(names[0]),
        _ => new CompositeLeakMode(names.Select(CreateOne).ToArray()),
    };

    private static ILeakMode CreateOne(string name) =>
        Modes.FirstOrDefault(m => m.Name == name).Create?.Invoke() ?? throw new ArgumentException($"unknown leak mode '{name}'");
}
