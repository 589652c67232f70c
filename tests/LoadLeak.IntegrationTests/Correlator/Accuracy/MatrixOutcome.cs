using System.Text.Json;

namespace LoadLeak.IntegrationTests.Correlator.Accuracy;

public sealed record MatrixFinding(string Resource, string? Scenario, string? Phase, bool IsLeak, double Confidence, double GrowthTotal,
    string Summary);

public sealed record MatrixPhase(string Name, string Scenario, string Kind, int? Copies, double Start, double End, long Requests)
{
    public double RequestsPerSecond => End > Start ? Requests / (End - Start) : 0;
}

/// <summary>What one matrix run's run.json says: the verdict, its findings and the phase timeline.</summary>
public sealed record MatrixOutcome(
    string Verdict, IReadOnlyList<MatrixFinding> Findings, IReadOnlyList<MatrixPhase> Phases,
    IReadOnlyDictionary<string, long> OkPerScenario, int TargetPid, IReadOnlyList<string> Notes)
{
    public static MatrixOutcome Read(string runJsonPath)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(runJsonPath));
        var root = doc.RootElement;
        var leak = root.GetProperty("leak");
        var findings = leak.GetProperty("findings").EnumerateArray().Select(f => new MatrixFinding(
            f.GetProperty("resource").GetString()!,
            OptionalString(f, "scenario"),
            OptionalString(f, "phase"),
            f.GetProperty("isLeak").GetBoolean(),
            f.GetProperty("confidence").GetDouble(),
            f.GetProperty("growthTotal").GetDouble(),
            f.GetProperty("summary").GetString() ?? "")).ToList();
        var requests = root.GetProperty("attribution").EnumerateArray().ToDictionary(
            a => (a.GetProperty("phase").GetString()!, a.GetProperty("scenario").GetString()!), a => a.GetProperty("requests").GetInt64());
        var phases = root.GetProperty("phases").EnumerateArray().Select(p => new MatrixPhase(
            p.GetProperty("name").GetString()!,
            p.GetProperty("scenario").GetString()!,
            p.GetProperty("kind").GetString()!,
            p.GetProperty("copies").ValueKind == JsonValueKind.Number ? p.GetProperty("copies").GetInt32() : null,
            p.GetProperty("start").GetDouble(),
            p.GetProperty("end").GetDouble(),
            requests.GetValueOrDefault((p.GetProperty("name").GetString()!, p.GetProperty("scenario").GetString()!)))).ToList();
        var ok = root.GetProperty("scenarios").EnumerateArray()
            .ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("ok").GetInt64());
        var notes = leak.GetProperty("notes").EnumerateArray().Select(n => n.GetString() ?? "").ToList();
        return new MatrixOutcome(leak.GetProperty("verdict").GetString()!, findings, phases, ok,
            root.GetProperty("meta").GetProperty("targetPid").GetInt32(), notes);
    }

    public MatrixFinding? Finding(string resource) => Findings.FirstOrDefault(f => f.Resource == resource);

    /// <summary>The phase a finding names, looked up in the scenario it blames (any scenario when pooled).</summary>
    public MatrixPhase? PhaseOf(MatrixFinding finding) =>
        Phases.FirstOrDefault(p => p.Name == finding.Phase && finding.Scenario?.Split('+').Contains(p.Scenario) == true)
        ?? Phases.FirstOrDefault(p => p.Name == finding.Phase);

    /// <summary>
    /// Is the phase one of its scenario's busiest load phases? Copies set the load only roughly: on a
    /// shared 2-core machine a protocol at 8 copies can out-run itself at 24 when the others slow down,
    /// so the phase a path-only leak grew fastest in is the one where its protocol did the most requests.
    /// </summary>
    public bool IsBusiestPhase(MatrixPhase phase, double tolerance = 0.8)
    {
        var peak = Phases.Where(p => p.Scenario == phase.Scenario && p.Kind == "load").Max(p => p.RequestsPerSecond);
        return phase.RequestsPerSecond >= tolerance * peak;
    }

    public string Describe() =>
        $"verdict {Verdict}\n" + string.Join("\n", Findings.Select(f => $"  {f.Summary} [scenario {f.Scenario}, phase {f.Phase}]")) +
        "\nnotes: " + string.Join(" | ", Notes) +
        "\nload phases: " + string.Join(", ", Phases.Where(p => p.Kind == "load")
            .Select(p => $"{p.Scenario}/{p.Name} {p.RequestsPerSecond:0} req/s"));

    private static string? OptionalString(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
