using LoadLeak.Correlator.Analysis;
using LoadLeak.Results;
using static LoadLeak.Tests.Correlator.SyntheticRun;

namespace LoadLeak.Tests.Correlator;

/// <summary>Issue 17 item 4: a phase's retained Δ lies between two forced-GC readings, or it is not given.</summary>
public class RetainedBoundariesTests
{
    private const string Load8 = "1 KeepConstant(8, 00:00:30)", Pause = "2 Pause(00:00:15)", Load16 = "3 KeepConstant(16, 00:00:30)";
    private const double Held = 339.5 * Mb;

    /// <summary>8 copies 10–40 s, a Pause 40–55 s, 16 copies 55–85 s.</summary>
    private static SyntheticRun Run() => new SyntheticRun()
        .Phase(Load8, PhaseKind.Load, 10, 40, 800)
        .Phase(Pause, PhaseKind.Pause, 40, 55, 0)
        .Phase(Load16, PhaseKind.Load, 55, 85, 1600);

    /// <summary>The post-GC counter follows ephemeral GCs: under load it still holds 90.6 MB of gen2 garbage.</summary>
    private static TargetSample WithGarbage(double t, TargetSample s) =>
        s with { PostGcHeapBytes = t is > 41 and < 56 ? Held : Held + 90.6 * Mb };

    [Fact]
    public void A_pause_whose_end_reading_is_absent_gets_no_delta_not_one_against_a_reading_full_of_garbage()
    {
        // Every forced-GC reading stayed at 339.5 MB; the one at the Pause's end was not taken.
        var input = Run().Samples(WithGarbage).Mark(10.2, Load8, Held).Mark(40.3, Pause, Held).Input();

        var pause = Assert.Single(PhaseAttributor.Attribute(input), a => a.Phase == Pause);

        Assert.Null(pause.RetainedDeltaBytes);
        Assert.Equal(0, pause.Requests);
    }

    [Fact]
    public void A_missing_boundary_reading_is_marked_missing_and_a_neighbour_does_not_stand_in()
    {
        // The reading asked for at 55 s is missing; the one at 85 s (after the 16-copy load) is 10 s away and must not be used.
        var missed = new RetainedMark(55.1, $"before http/{Load16}", double.NaN, "phase-boundary")
        {
            Reading = RetainedReading.Missing,
            RequestedT = 55.1,
        };
        var input = Run().Samples(WithGarbage)
            .Mark(10.2, Load8, Held).Mark(40.3, Pause, Held).Mark(64.9, "end", Held + 108 * Mb)
            .Input();
        input = input with { MissedRetained = [missed] };

        var phases = PhaseAttributor.Attribute(input);

        var pause = Assert.Single(phases, a => a.Phase == Pause);
        Assert.Null(pause.RetainedDeltaBytes);
        Assert.Equal(RetainedReading.Missing, pause.RetainedReading);
        var load16 = Assert.Single(phases, a => a.Phase == Load16);
        Assert.Null(load16.RetainedDeltaBytes);
        Assert.Equal(RetainedReading.Missing, load16.RetainedReading);
        Assert.Equal(0.0, Assert.Single(phases, a => a.Phase == Load8).RetainedDeltaBytes);
    }

    [Fact]
    public void A_reading_that_waited_for_a_heap_dump_belongs_to_the_boundary_it_was_asked_for()
    {
        // A heap dump at 40 s stopped the target for 11.6 s; the boundary GC waited and ran at 51.7 s. The target served
        // nothing meanwhile, so that reading is the boundary's. Matched by when its GC ran, it fell outside the boundary's
        // window and the Pause got a Δ from the garbage-laden counter instead.
        var input = Run().Samples(WithGarbage)
            .Mark(10.2, Load8, 300 * Mb)
            .Mark(51.7, Pause, Held, requestedT: 40.2)
            .Mark(55.3, Load16, Held + 0.1 * Mb)
            .Mark(85.2, "end", Held + 108 * Mb)
            .Input();

        var phases = PhaseAttributor.Attribute(input);

        Assert.Equal(Held - 300 * Mb, Assert.Single(phases, a => a.Phase == Load8).RetainedDeltaBytes!.Value, 0);
        Assert.Equal(0.1 * Mb, Assert.Single(phases, a => a.Phase == Pause).RetainedDeltaBytes!.Value, 0);
        Assert.Equal(107.9 * Mb, Assert.Single(phases, a => a.Phase == Load16).RetainedDeltaBytes!.Value, 0);
        Assert.All(phases, a => Assert.Null(a.RetainedReading));
    }

    [Fact]
    public void A_pause_whose_rows_are_absent_takes_no_requests_from_the_rows_beside_it()
    {
        // Rows of the 16-copy phase end 0.3 s after the Pause (a short first row); the Pause's own rows were not written.
        var input = Run().Input();
        var rows = input.Intervals.Where(r => r.Phase != Pause).Append(new IntervalRow(55.3, "http", Load16, 480, 0, 1600, 0, 0, 0, 16, 0, 0, 0));
        input = input with { Intervals = rows.ToList() };

        var phases = PhaseAttributor.Attribute(input);

        Assert.Equal(0, Assert.Single(phases, a => a.Phase == Pause).Requests);
        Assert.Equal(30 * 1600 + 480, Assert.Single(phases, a => a.Phase == Load16).Requests);
    }
}
