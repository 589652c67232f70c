using System.Globalization;
using LeakyApp;

// Usage: LeakyApp <static-cache|pending-tasks|clean>, or LeakyApp steady-growth <holdMb> <stepMs> (self-driven, no stdin),
// or LeakyApp block-pool <warmUpS> <phaseS> <coolDownS> <holdBytesPerRequest> (self-driven: requests block pool threads).
// Reads commands from stdin, answers each with "ok <command>" (or "error ...") on stdout so the
// driving test knows when a phase is complete:
//   grow <count> [bytes]  simulate <count> requests, each allocating a <bytes> buffer (default 1024)
//   drop                  release everything the requests held transiently (the cool-down)
//   gc                    full blocking collection, so a snapshot sees only retained objects
//   stall                 answers "ok stall max-gap-ms=<n>": the longest freeze since the last "stall"
//   exit
var mode = args.Length > 0 ? args[0] : "clean";
if (mode == "steady-growth")
{
    Console.WriteLine($"ready {Environment.ProcessId} {mode}");
    SteadyGrowth.Run(int.Parse(args[1], CultureInfo.InvariantCulture), int.Parse(args[2], CultureInfo.InvariantCulture));
    return;
}
if (mode == "block-pool")
{
    Console.WriteLine($"ready {Environment.ProcessId} {mode}");
    var numbers = args[1..5].Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray();
    BlockingPool.Run(numbers[0], numbers[1], numbers[2], numbers[3]);
    return;
}
IWorkload workload = mode switch
{
    "static-cache" => new StaticCacheLeak(),
    "pending-tasks" => new PendingTasksLeak(),
    "clean" => new CleanWorkload(),
    _ => throw new ArgumentException($"unknown mode '{mode}' (static-cache | pending-tasks | clean)"),
};
var stallMeter = new StallMeter();
Console.WriteLine($"ready {Environment.ProcessId} {mode}");
string? line;
while ((line = Console.ReadLine()) is not null)
{
    var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    if (parts.Length == 0) continue;
    switch (parts[0])
    {
        case "grow":
            var count = int.Parse(parts[1], CultureInfo.InvariantCulture);
            var bytes = parts.Length > 2 ? int.Parse(parts[2], CultureInfo.InvariantCulture) : 1024;
            workload.Grow(count, bytes);
            break;
        case "drop":
            workload.Drop();
            break;
        case "gc":
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            break;
        case "stall":
            Console.WriteLine(FormattableString.Invariant($"ok stall max-gap-ms={stallMeter.TakeMaxGapMs():0.0}"));
            continue;
        case "exit":
            Console.WriteLine("ok exit");
            return;
        default:
            Console.WriteLine($"error unknown command '{parts[0]}'");
            continue;
    }
    Console.WriteLine($"ok {line} heap={GC.GetTotalMemory(false)}");
}
