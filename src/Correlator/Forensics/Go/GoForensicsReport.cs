using LoadLeak.Results;

namespace LoadLeak.Correlator.Forensics.Go;

/// <summary>Puts the Go evidence into run.json's heap section: goroutine growers, and allocating functions as top growers.</summary>
internal static class GoForensicsReport
{
    public static HeapForensicsResult ToHeapResult(this GoForensicsResult go) =>
        new(
            go.Snapshots.Select(s => new SnapshotInfo(s.Label, s.T, s.RetainedBytes, s.Goroutines, s.CaptureMs, 0)).ToList(),
            go.TopGrowers.Select(g => new TypeGrowth(g.Frame.Function, g.ObjectsDelta, g.BytesDelta, g.BytesAfterCoolDown, g.SurvivesCoolDown)
            {
                PeakBytesDelta = g.PeakBytesDelta,
                PeakCountDelta = g.PeakObjectsDelta,
                Kind = GrowerKind.GoAllocSite,
                Location = g.Frame.Location,
            }).ToList(),
            [],
            [])
        {
            GoroutineGrowers = go.GoroutineGrowers.Select(g => new GoroutineGrower(
                g.Frame.Function, g.Frame.Location, g.CountDelta, g.PeakCountDelta, g.CountAfterCoolDown, g.SurvivesCoolDown,
                g.TopFrame?.ToString())).ToList(),
            Notes = ["Go target: goroutine?debug=1 and heap?gc=1 from pprof (snapshot objects = goroutines; pause = capture time)", .. go.Notes],
        };
}
