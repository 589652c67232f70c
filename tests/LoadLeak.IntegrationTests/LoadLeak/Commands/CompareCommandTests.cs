using System.Text.Json;
using LoadLeak.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace LoadLeak.IntegrationTests.LoadLeak.Commands;

/// <summary>`loadleak compare` against two builds of the bundled target: one leaks, one has a slow store.</summary>
public sealed class CompareCommandTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Compare_picks_out_the_leaking_candidate_and_the_faster_one()
    {
        var outDir = Path.Combine(Path.GetTempPath(), "loadleak-compare-" + Guid.NewGuid().ToString("N"));
        var passed = false;
        var target = $"dotnet \"{Path.Combine(RepoPaths.Root, "samples", "TargetService", "bin", RepoPaths.Configuration, "net10.0", "TargetService.dll")}\" --port {{port}} --grpc-port {{grpcPort}}";
        try
        {
            var result = await CliProcess.RunAsync(TimeSpan.FromSeconds(240),
                // Scaled to 0.6 for CI time: each candidate still has ~20 s of load at 1 s blocks (15 needed).
                "compare", "--config", RepoPaths.TestConfig("compare-http.json"), "--duration-scale", "0.6", "--out", outDir,
                "--target-url", "http://127.0.0.1:{port}/healthz",
                "--candidate", $"slowstore={target} --impl store=remote",
                "--candidate", $"leaky={target} --leak static-cache");

            Assert.True(File.Exists(Path.Combine(outDir, "compare.html")), result.ToString());
            Assert.True(File.Exists(Path.Combine(outDir, "compare.md")), result.ToString());
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "compare.json")));
            var candidates = doc.RootElement.GetProperty("candidates").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
            Assert.Equal(["slowstore", "leaky"], candidates.Keys);
            foreach (var c in candidates.Values)
                Assert.True(File.Exists(Path.Combine(outDir, c.GetProperty("runs")[0].GetString()!, "run.json")));

            double Mean(string candidate, string metric) =>
                candidates[candidate].GetProperty("metrics").GetProperty(metric).GetProperty("mean").GetDouble();
            Assert.Equal("leak", candidates["leaky"].GetProperty("leakVerdicts")[0].GetString());
            Assert.NotEqual("leak", candidates["slowstore"].GetProperty("leakVerdicts")[0].GetString());
            Assert.True(Mean("leaky", "retained-per-request") > 10 * Math.Max(1, Mean("slowstore", "retained-per-request")), result.ToString());
            Assert.True(Mean("leaky", "rps") > 1.5 * Mean("slowstore", "rps"), result.ToString());
            Assert.True(Mean("slowstore", "p50") > 4, "the remote store adds 5 ms to every request");
            Assert.Equal(1, result.ExitCode); // a candidate leaked: the CI gate fails

            var rps = doc.RootElement.GetProperty("comparisons").EnumerateArray()
                .Single(c => c.GetProperty("metric").GetString() == "rps" && c.GetProperty("candidate").GetString() == "leaky");
            Assert.True(rps.GetProperty("diffPercent").GetDouble() > 50);
            Assert.Equal("unknown-noise", rps.GetProperty("verdict").GetString());
            // One run a side: throughput is judged second by second, and 1.5x is far outside the noise.
            Assert.Equal("paired-seconds-t-ar1", rps.GetProperty("test").GetString());
            Assert.Equal("better", rps.GetProperty("outcome").GetString());
            passed = true;
        }
        finally
        {
            // A miss keeps its runs (run.json of both candidates) for the CI log to point at.
            if (!passed) output.WriteLine($"kept for inspection: {outDir}");
            else if (Directory.Exists(outDir)) Directory.Delete(outDir, recursive: true);
        }
    }
}
