using LoadLeak.Cluster.Merging;
using LoadLeak.Engine.Running;
using LoadLeak.Results;

namespace LoadLeak.Tests.LoadLeak.Cluster;

public class PhaseMergerTests
{
    [Fact]
    public void Phases_span_all_agents_and_sum_their_shares()
    {
        PhaseRecord[] a =
        [
            new("1 RampingConstant(5, 00:00:10)", "http", PhaseKind.Load, 0.002, 10.002, "RampingConstant(5, 00:00:10)", 3, null),
            new("2 KeepConstant(5, 00:00:10)", "http", PhaseKind.Load, 10.002, 20.002, "KeepConstant(5, 00:00:10)", 3, null),
        ];
        PhaseRecord[] b =
        [
            new("1 RampingConstant(5, 00:00:10)", "http", PhaseKind.Load, 0.001, 10.001, "RampingConstant(5, 00:00:10)", 2, null),
            new("2 KeepConstant(5, 00:00:10)", "http", PhaseKind.Load, 10.001, 20.004, "KeepConstant(5, 00:00:10)", 2, null),
        ];

        var merged = PhaseMerger.Merge([a, b]);

        Assert.Equal(2, merged.Count);
        Assert.Equal((0.001, 10.002, 5), (merged[0].Start, merged[0].End, merged[0].Copies!.Value));
        Assert.Equal((10.001, 20.004), (merged[1].Start, merged[1].End));
        Assert.Null(merged[1].Rate);
    }
}
