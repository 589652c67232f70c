using LoadLeak.Correlator.Forensics;
using LoadLeak.Results;

namespace LoadLeak.Tests.Correlator.Forensics;

public class HeapDiffTests
{
    private const string Bytes = "System.Byte[]";
    private const string Strings = "System.String";
    private const string Buffers = "Shop.RequestBuffer";

    private static HeapSnapshot Snapshot(string label, params (string Type, long Count, long Bytes)[] types) => new()
    {
        Label = label,
        HeapBytes = types.Sum(t => t.Bytes),
        Objects = types.Sum(t => t.Count),
        Types = types.ToDictionary(t => t.Type, t => new TypeStat(t.Count, t.Bytes)),
    };

    [Fact]
    public void Growth_that_survives_cool_down_is_a_suspect_and_growth_that_recovers_is_not()
    {
        var baseline = Snapshot("baseline", (Bytes, 100, 10_000), (Strings, 1000, 50_000), (Buffers, 0, 0));
        var peak = Snapshot("peak", (Bytes, 5100, 5_010_000), (Strings, 6000, 300_000), (Buffers, 10_000, 4_000_000));
        var after = Snapshot("after", (Bytes, 5100, 5_010_000), (Strings, 1010, 50_400), (Buffers, 0, 0));

        var result = HeapDiff.Compare(baseline, peak, after);

        var top = result.TopGrowers[0];
        Assert.Equal(new TypeGrowth(Bytes, 5000, 5_000_000, 5100, true) { PeakBytesDelta = 5_000_000, PeakCountDelta = 5000 }, top);
        var buffers = Assert.Single(result.TopGrowers, g => g.Type == Buffers);
        Assert.False(buffers.SurvivesCoolDown);
        Assert.Equal(4_000_000, buffers.PeakBytesDelta);
        Assert.False(Assert.Single(result.TopGrowers, g => g.Type == Strings).SurvivesCoolDown);
        Assert.Equal(["baseline", "peak", "after"], result.Snapshots.Select(s => s.Label));
    }

    [Fact]
    public void A_type_whose_bytes_grow_and_stay_while_its_count_is_flat_is_held_not_released()
    {
        // One List<Customer> backing array that was regrown: still one object, 63.5 MB more after the cool-down.
        const string customers = "Shop.Customer[]";
        const string scratch = "Shop.Scratch[]";
        var baseline = Snapshot("b", (customers, 1, 1 << 20), (scratch, 1, 1 << 20));
        var peak = Snapshot("p", (customers, 1, (1 << 20) + 66_584_576), (scratch, 1, 40 << 20));
        var after = Snapshot("a", (customers, 1, (1 << 20) + 66_584_576), (scratch, 1, 1 << 20));

        var result = HeapDiff.Compare(baseline, peak, after);

        var held = result.TopGrowers[0];
        Assert.Equal(customers, held.Type);
        Assert.True(held.SurvivesCoolDown, "bytes grew by 63.5 MB and stayed: held, whatever the count");
        Assert.Equal((0L, 66_584_576L), (held.CountDelta, held.BytesDelta));
        Assert.False(Assert.Single(result.TopGrowers, g => g.Type == scratch).SurvivesCoolDown);
        Assert.Contains("1 type(s) grew under load and stayed", result.Notes[^1]);
        Assert.Contains(customers, PathCandidates.Choose(after.Types, baseline.Types, new HeapSnapshotOptions()));
    }

    [Fact]
    public void Small_growth_is_noise_and_partial_recovery_below_half_is_recovery()
    {
        var baseline = Snapshot("b", (Bytes, 10, 1000), (Strings, 10, 1000));
        var peak = Snapshot("p", (Bytes, 20, 100_000), (Strings, 1000, 10_000_000));
        var after = Snapshot("a", (Bytes, 20, 100_000), (Strings, 300, 3_000_000));

        var result = HeapDiff.Compare(baseline, peak, after);

        Assert.DoesNotContain(result.TopGrowers, g => g.SurvivesCoolDown);
        Assert.Contains("no type grew", result.Notes[^1]);
    }

    [Fact]
    public void Many_small_survivors_are_suspects_even_when_their_bytes_are_few()
    {
        const string box = "AsyncStateMachineBox<Shop.Orders+<PlaceAsync>d__4>";
        var baseline = Snapshot("b", (box, 0, 0));
        var peak = Snapshot("p", (box, 3000, 200_000));
        var after = Snapshot("a", (box, 3000, 199_999));

        Assert.True(HeapDiff.Compare(baseline, peak, after).TopGrowers[0].SurvivesCoolDown);
        Assert.False(HeapDiff.Compare(baseline, peak, after,
            new HeapDiffOptions { MinSurvivingCount = 5000, MinSurvivingBytes = 1 << 20 }).TopGrowers[0].SurvivesCoolDown);
    }

    [Fact]
    public void Top_limits_the_list_and_suspects_come_first()
    {
        var types = Enumerable.Range(0, 30).Select(i => ($"T{i}", 0L, 0L)).ToArray();
        var baseline = Snapshot("b", types);
        var peak = Snapshot("p", types.Select((t, i) => (t.Item1, 10L, (i + 1) * 1_000_000L)).ToArray());
        var after = Snapshot("a", types.Select((t, i) => (t.Item1, i == 0 ? 10L : 0L, i == 0 ? 1_000_000L : 0L)).ToArray());

        var result = HeapDiff.Compare(baseline, peak, after, top: 5);

        Assert.Equal(5, result.TopGrowers.Count);
        Assert.Equal("T0", result.TopGrowers[0].Type);
        Assert.True(result.TopGrowers[0].SurvivesCoolDown);
        Assert.Equal(["T29", "T28", "T27", "T26"], result.TopGrowers.Skip(1).Select(g => g.Type));
    }

    [Fact]
    public void Paths_are_taken_for_suspects_from_after_cool_down_falling_back_to_peak()
    {
        var baseline = Snapshot("b", (Bytes, 0, 0), (Strings, 0, 0), (Buffers, 0, 0));
        var staticPath = new RetentionPath(Bytes, "static Shop.Cache.Entries", ["static Shop.Cache.Entries", "System.Byte[][]", Bytes], 20);
        var peak = Snapshot("p", (Bytes, 1000, 1_000_000), (Strings, 1000, 1_000_000), (Buffers, 1000, 1_000_000)) with
        {
            RetentionPaths = [new RetentionPath(Bytes, "stack of thread 1", ["stack of thread 1", Bytes], 1),
                new RetentionPath(Strings, "Strong handle", ["Strong handle", Strings], 3), new RetentionPath(Buffers, "x", ["x"], 1)],
        };
        var after = Snapshot("a", (Bytes, 1000, 1_000_000), (Strings, 1000, 1_000_000), (Buffers, 0, 0)) with
        {
            RetentionPaths = [staticPath],
            PendingTasks = [new PendingTasks("Shop.Orders.PlaceAsync", 7)],
        };

        var result = HeapDiff.Compare(baseline, peak, after);

        Assert.Equal([staticPath, peak.RetentionPaths[1]], result.RetentionPaths);
        Assert.Equal(after.PendingTasks, result.PendingTasks);
    }

    [Fact]
    public void Each_snapshot_carries_its_own_pause_budget_scaled_by_its_heap()
    {
        var big = Snapshot("peak", ("T", 1, (long)(3 * HeapBudget.ReferenceHeapBytes))) with { PauseMs = 3600, PauseMeasured = true };

        Assert.Equal(4500, big.ToInfo().PauseBudgetMs!.Value, 1e-9);
        Assert.Equal("target paused 3600 ms of a 4500 ms budget", big.PauseAgainstBudget());
        Assert.EndsWith("(over)", (big with { PauseMs = 4501 }).PauseAgainstBudget(), StringComparison.Ordinal);
    }

    [Fact]
    public void Budget_scales_with_the_largest_heap_but_never_below_the_reference()
    {
        var small = new SnapshotInfo("s", 0, 10e6, 1, PauseMs: 900, AnalysisMs: 200);
        var large = new SnapshotInfo("l", 0, 2 * HeapBudget.ReferenceHeapBytes, 1, PauseMs: 2000, AnalysisMs: 9000);

        var budget = new HeapForensicsResult([small, large], [], [], []).Budget;

        Assert.Equal(3000, budget.PauseBudgetMs, 1e-9);
        Assert.Equal(10_000, budget.AnalysisBudgetMs, 1e-9);
        Assert.True(budget.PauseWithinBudget && budget.AnalysisWithinBudget);
        Assert.Equal(1500, HeapBudget.From([small]).PauseBudgetMs, 1e-9);
    }

    [Fact]
    public void Costs_note_names_the_measured_pause_against_the_budget_or_says_it_is_an_upper_bound()
    {
        HeapSnapshot Costly(string label, bool measured, double pauseMs) =>
            Snapshot(label, (Bytes, 10, 1000)) with { PauseMs = pauseMs, WriteDumpMs = pauseMs + 80, PauseMeasured = measured, AnalysisMs = 700 };

        var measured = HeapDiff.Compare(Costly("b", true, 900), Costly("p", true, 1600), Costly("a", true, 1000));
        var bounded = HeapDiff.Compare(Costly("b", true, 900), Costly("p", false, 1000), Costly("a", true, 1000));

        var note = Assert.Single(measured.Notes, n => n.StartsWith("cost:", StringComparison.Ordinal));
        Assert.Contains("longest target pause 1600 ms of a 1500 ms budget (over)", note);
        Assert.Contains("longest analysis 700 ms of 5000 ms,", note);
        Assert.DoesNotContain("upper bound", note);
        Assert.Contains("upper bound", Assert.Single(bounded.Notes, n => n.StartsWith("cost:", StringComparison.Ordinal)));
        Assert.Contains("p: target paused 1600 ms of a 1500 ms budget (over) for a 0 MB heap", measured.Notes);
        Assert.Contains("a: target paused 1000 ms of a 1500 ms budget for a 0 MB heap", measured.Notes);
        Assert.Contains("p: target paused 1000 ms (WriteDump call, an upper bound) of a 1500 ms budget for a 0 MB heap", bounded.Notes);
        Assert.Equal(1500, measured.Snapshots[1].PauseBudgetMs!.Value, 1e-9);
        Assert.Equal(1680, measured.Snapshots[1].WriteDumpMs);
        Assert.True(measured.Snapshots[1].PauseMeasured);
        Assert.Contains("no type grew", measured.Notes[^1]);
    }

    [Fact]
    public void A_snapshot_whose_WriteDump_call_was_not_timed_reports_no_duration_rather_than_zero() =>
        Assert.Null(Snapshot("b", (Bytes, 10, 1000)).ToInfo().WriteDumpMs);
}
