using LoadLeak.Engine.Schedules;
using LoadLeak.Engine.Simulations;

namespace LoadLeak.Tests.Engine;

public class ClosedScheduleTests
{
    private static readonly TimeSpan TenSeconds = TimeSpan.FromSeconds(10);

    [Fact]
    public void RampingConstant_ramps_linearly_from_the_previous_copies()
    {
        var fromZero = ClosedSchedule.For(new RampingConstant(100, TenSeconds), previousCopies: 0);
        Assert.Equal(0, fromZero.CopiesAt(0));
        Assert.Equal(25, fromZero.CopiesAt(2.5));
        Assert.Equal(50, fromZero.CopiesAt(5));
        Assert.Equal(100, fromZero.CopiesAt(10));
        Assert.Equal(100, fromZero.CopiesAt(12));

        var down = ClosedSchedule.For(new RampingConstant(20, TenSeconds), previousCopies: 120);
        Assert.Equal(120, down.CopiesAt(0));
        Assert.Equal(70, down.CopiesAt(5));
        Assert.Equal(20, down.CopiesAt(10));
        Assert.Equal(TenSeconds, down.Duration);
        Assert.False(down.IsSteady);
        Assert.True(ClosedSchedule.For(new RampingConstant(20, TenSeconds), previousCopies: 20).IsSteady);
        Assert.True(ClosedSchedule.For(new KeepConstant(30, TenSeconds), previousCopies: 100).IsSteady);
        Assert.True(ClosedSchedule.For(new Pause(TenSeconds), previousCopies: 100).IsSteady);
    }

    [Fact]
    public void KeepConstant_holds_its_copies_whatever_came_before()
    {
        var keep = ClosedSchedule.For(new KeepConstant(30, TenSeconds), previousCopies: 100);
        Assert.All(new[] { 0.0, 3.3, 9.99 }, t => Assert.Equal(30, keep.CopiesAt(t)));
    }

    [Fact]
    public void IterationsForConstant_has_no_duration_but_an_iteration_count()
    {
        var schedule = ClosedSchedule.For(new IterationsForConstant(4, 250), previousCopies: 0);
        Assert.Null(schedule.Duration);
        Assert.Equal(250, schedule.Iterations);
        Assert.Equal(4, schedule.CopiesAt(100));
    }

    [Fact]
    public void Pause_wants_no_copies()
    {
        var pause = ClosedSchedule.For(new Pause(TimeSpan.FromSeconds(3)), previousCopies: 50);
        Assert.Equal(0, pause.CopiesAt(1));
        Assert.Equal(TimeSpan.FromSeconds(3), pause.Duration);
    }

    [Fact]
    public void Open_simulations_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => ClosedSchedule.For(new Inject(1, TimeSpan.FromSeconds(1), TenSeconds), 0));
    }
}
