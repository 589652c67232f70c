namespace TargetService.Leaks;

/// <summary>A timer per request for a "timeout" that is never disposed; the list keeps each one and its state alive.</summary>
public sealed class TimersLeak : EveryPathLeak
{
    private static readonly List<Timer> Timers = [];

    public override string Name => "timers";

    protected override void OnRequest(long requestNumber)
    {
        var timer = new Timer(_ => { }, new byte[512], TimeSpan.FromHours(1), Timeout.InfiniteTimeSpan);
        lock (Timers) Timers.Add(timer);
    }
}
