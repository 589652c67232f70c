using LoadLeak.Correlator.Retained;

namespace LoadLeak.Tests.Correlator;

public class TargetGateTests
{
    [Fact]
    public async Task One_holder_at_a_time_and_a_recent_holder_is_still_named()
    {
        const int pid = -4711; // no real process: the gate is only a name here
        Assert.Null(TargetGate.HeldWithin(pid, TimeSpan.FromHours(1)));

        var dump = await TargetGate.EnterAsync(pid, "a heap dump", CancellationToken.None);
        var gc = TargetGate.EnterAsync(pid, "an induced full GC", CancellationToken.None);
        Assert.False(gc.IsCompleted);
        Assert.Equal("a heap dump", TargetGate.HeldWithin(pid, TimeSpan.Zero));

        dump.Dispose();
        dump.Dispose();
        using (await gc)
        {
            Assert.Equal("an induced full GC", TargetGate.HeldWithin(pid, TimeSpan.Zero));
        }
        Assert.Equal("an induced full GC", TargetGate.HeldWithin(pid, TimeSpan.FromHours(1)));
        await Task.Delay(20);
        Assert.Null(TargetGate.HeldWithin(pid, TimeSpan.FromMilliseconds(1)));
    }
}
