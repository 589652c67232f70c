using LoadLeak.Correlator.Capacity;
using LoadLeak.Engine.Running;
using LoadLeak.Results;

namespace LoadLeak.Tests.Correlator.Capacity;

public class CapacityAnalyzerTests
{
    private static readonly UslModel Truth = new(0.05, 0.0002, 1000, 1);

    [Fact]
    public void Fits_each_scenario_with_enough_steps_and_finds_its_knee()
    {
        var steps = new[] { 1, 4, 8, 16, 32, 48, 64 };
        var points = steps.Select(n => new CapacityPoint("http", n, Truth.Throughput(n), 10 + n)).ToList();
        points.Add(new CapacityPoint("kafka", 1, 50, 5));
        points.Add(new CapacityPoint("kafka", 2, 90, 5));

        var result = Assert.Single(CapacityAnalyzer.Analyze(points, sloP99Ms: 50));

        Assert.Equal("http", result.Scenario);
        Assert.Equal(0.05, result.Sigma, 1e-3);
        Assert.Equal(0.0002, result.Kappa, 1e-5);
        Assert.Equal(40, result.KneeConcurrency!.Value, 1e-9);
        Assert.Equal(50, result.SloP99Ms);
        Assert.Equal(steps.Length, result.Points.Count);
    }

    [Fact]
    public void Without_an_slo_there_is_no_knee()
    {
        var points = new[] { 1, 2, 4 }.Select(n => new CapacityPoint("http", n, Truth.Throughput(n), 1000)).ToList();

        var result = Assert.Single(CapacityAnalyzer.Analyze(points, sloP99Ms: null));

        Assert.Null(result.KneeConcurrency);
    }

    [Fact]
    public void Step_points_come_from_keep_constant_phases_without_their_first_interval()
    {
        var phases = new[]
        {
            new PhaseRecord("warmup", "http", PhaseKind.WarmUp, 0, 3, "KeepConstant(5, 00:00:03)", 5, null),
            new PhaseRecord("step-1", "http", PhaseKind.Load, 3, 6, "KeepConstant(10, 00:00:03)", 10, null),
            new PhaseRecord("ramp", "http", PhaseKind.Load, 6, 9, "RampingConstant(20, 00:00:03)", 20, null),
        };
        var intervals = new[]
        {
            Row(3, "warmup", ok: 100, rps: 100, p99: 1),
            Row(4, "step-1", ok: 10, rps: 10, p99: 900),
            Row(5, "step-1", ok: 100, rps: 100, p99: 10),
            Row(6, "step-1", ok: 300, rps: 300, p99: 30),
            Row(7, "ramp", ok: 500, rps: 500, p99: 5),
        };
        var engine = new EngineResult(phases, [], intervals, [], Cancelled: false);

        var point = Assert.Single(CapacityAnalyzer.StepPoints(engine));

        Assert.Equal(new CapacityPoint("http", 10, 200, (10 * 100 + 30 * 300) / 400.0), point);
    }

    private static IntervalRow Row(double t, string phase, long ok, double rps, double p99) =>
        new(t, "http", phase, ok, 0, rps, 1, p99, p99, 10, 0, 0, 0);
}
