using System.Text.Json;

namespace LoadLeak.IntegrationTests.LoadLeak.Sessions;

/// <summary>Reads a run's stream.jsonl while the run is still writing it (or after it was killed).</summary>
public sealed class RunStreamFile(string outDir)
{
    public string Path { get; } = System.IO.Path.Combine(outDir, "stream.jsonl");

    /// <summary>Whole lines only: the last one may be half-written.</summary>
    public IReadOnlyList<JsonElement> Records()
    {
        if (!File.Exists(Path)) return [];
        using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var records = new List<JsonElement>();
        while (reader.ReadLine() is { } line)
        {
            try { records.Add(JsonDocument.Parse(line).RootElement.Clone()); }
            catch (JsonException) { }
        }
        return records;
    }

    public IReadOnlyList<JsonElement> OfType(string type) =>
        Records().Where(r => r.GetProperty("type").GetString() == type).Select(r => r.GetProperty("data")).ToArray();

    public IReadOnlyList<double> IntervalTimes() => OfType("interval").Select(i => i.GetProperty("t").GetDouble()).ToArray();

    /// <summary>The pid of the target the run launched, from the header line; null before the header is written.</summary>
    public int? TargetPid() =>
        OfType("header").FirstOrDefault() is { ValueKind: JsonValueKind.Object } header
        && header.GetProperty("meta").TryGetProperty("targetPid", out var pid) && pid.ValueKind == JsonValueKind.Number
            ? pid.GetInt32() : null;

    public DateTimeOffset StartedAt() => OfType("header").First().GetProperty("startedAt").GetDateTimeOffset();

    /// <summary>Waits until the run has streamed at least <paramref name="count"/> interval rows.</summary>
    public async Task WaitForIntervalsAsync(int count, TimeSpan limit, Func<string> diagnostics)
    {
        var deadline = DateTime.UtcNow + limit;
        while (IntervalTimes().Count < count)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"fewer than {count} interval rows in {Path} after {limit}\n{diagnostics()}");
            await Task.Delay(100);
        }
    }
}
