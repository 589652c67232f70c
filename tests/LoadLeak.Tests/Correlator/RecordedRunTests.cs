using LoadLeak.Correlator.Analysis;
using LoadLeak.Results;
using Xunit.Abstractions;

namespace LoadLeak.Tests.Correlator;

/// <summary>
/// Real path-only leak runs of the accuracy matrix, re-analysed: the heap growth must be blamed on the
/// protocol that leaks. grpc-only-1 and -2 are runs in which the old ordinary least squares on
/// post-GC readings (reported ~2.5 s late) blamed kafka, the protocol busiest last.
/// </summary>
public class RecordedRunTests(ITestOutputHelper output)
{
    public static TheoryData<string> PathOnlyRuns() => new(RecordedRun.Names("grpc-only").Concat(RecordedRun.Names("kafka-only")));

    [Theory]
    [MemberData(nameof(PathOnlyRuns))]
    public void Path_only_heap_growth_is_blamed_on_its_protocol(string file)
    {
        var run = RecordedRun.Load(file);
        var result = LeakAnalyzer.Analyze(run.Input);
        var heap = Assert.Single(result.Leak.Findings, f => f.Resource == LeakResource.Heap);
        output.WriteLine(heap.Summary);
        output.WriteLine(string.Join("\n", result.Leak.Notes));
        output.WriteLine(string.Join("\n", result.BytesPerRequest.Select(r => $"{r.Scenario}: {r.BytesPerRequest:0} B/request, R² " +
            $"{r.RSquared:0.000}, {r.Points} points")));
        var expected = run.Mode.Replace("-only", "", StringComparison.Ordinal);
        Assert.Equal(expected, heap.Scenario);
        Assert.True(result.BytesPerRequest.All(r => r.BytesPerRequest >= 0), "a non-negative fit");
    }
}
