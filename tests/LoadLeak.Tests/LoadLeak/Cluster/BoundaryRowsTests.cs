using LoadLeak.Cluster.Merging;
using LoadLeak.Cluster.Protocol;
using LoadLeak.Correlator.Analysis;
using LoadLeak.Engine.Api;
using LoadLeak.Engine.Simulations;
using LoadLeak.Results;
using LoadLeak.Tests.Engine;
using LoadLeak.Tests.Engine.VirtualTime;
using static LoadLeak.Tests.Engine.EngineHarness;

namespace LoadLeak.Tests.LoadLeak.Cluster;

/// <summary>
/// Issue 17 item 3 end to end on virtual time: the engine's rows, as two agents send them, merged by the coordinator and
/// counted per phase as the attribution counts them. No Pause carries load requests; every load phase keeps all its own.
/// </summary>
[Collection(EngineRuns.Collection)]
public class BoundaryRowsTests
{
    [Fact]
    public async Task Merged_rows_credit_every_request_to_the_phase_it_started_in_and_none_to_a_pause()
    {
        var clock = new VirtualClock();
        var scenario = Scenario.Create("http", DelayMs(clock, 150)).WithLoadSimulations(
            new KeepConstant(4, TimeSpan.FromSeconds(2.5)), new Pause(TimeSpan.FromSeconds(1.3)),
            new KeepConstant(8, TimeSpan.FromSeconds(2.5)), new Pause(TimeSpan.FromSeconds(1.3)),
            new KeepConstant(16, TimeSpan.FromSeconds(2.5)), new Pause(TimeSpan.FromSeconds(1.4)));
        var engine = await RunVirtualAsync(clock, Settings(1, scenario));
        var merger = new StatsMerger(Second);
        foreach (var agent in new[] { "agent-a", "agent-b" })
        {
            var seq = 0L;
            foreach (var row in engine.Intervals)
                merger.Add(agent, new IntervalStats(++seq, row.Scenario, row.T, row.Phase, row.Ok, row.Fail, row.BytesReceived, row.Late,
                    row.Dropped, row.Concurrency, row.TargetRate, row.Rps, null, null));
        }

        var merged = merger.MergedRows();

        Assert.Equal(6, engine.Phases.Count);
        foreach (var phase in engine.Phases)
        {
            var own = engine.Intervals.Where(r => r.Phase == phase.Name).Sum(r => r.Ok);
            Assert.Equal(2 * own, PhaseAttributor.RequestsIn(phase, merged, engine.Phases));
            if (phase.Kind == PhaseKind.Pause) Assert.Equal(0, own);
            else Assert.True(own > 0, $"{phase.Name} ran");
        }
        Assert.Equal(2 * engine.Scenarios[0].Ok, merged.Sum(r => r.Ok));
    }
}
