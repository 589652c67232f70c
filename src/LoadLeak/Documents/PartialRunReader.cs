using System.Text.Json;
using LoadLeak.Engine;
using LoadLeak.Results;
using LoadLeak.Sessions;

namespace LoadLeak.Documents;

/// <summary>
/// Rebuilds a run.json from stream.jsonl when the run never got to write one (crash, kill -9).
/// The result is marked partial; a torn last line is ignored.
/// </summary>
internal static class PartialRunReader
{
    public static RunDocument Read(string streamPath)
    {
        RunHeader? header = null;
        var phases = new Dictionary<(string, string), PhaseRecord>();
        var intervals = new List<IntervalRow>();
        var samples = new List<TargetSample>();
        var events = new List<TimelineEvent>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(streamPath))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            JsonDocument record;
            try { record = JsonDocument.Parse(line); }
            catch (JsonException) { continue; } // the line being written when the process died
            using (record)
            {
                var data = record.RootElement.GetProperty("data");
                switch (record.RootElement.GetProperty("type").GetString())
                {
                    case "header": header = data.Deserialize<RunHeader>(StreamJson.Options); break;
                    case "phase":
                        var phase = data.Deserialize<PhaseRecord>(StreamJson.Options)!;
                        phases[(phase.Scenario, phase.Name)] = phase;
                        break;
                    case "interval": intervals.Add(data.Deserialize<IntervalRow>(StreamJson.Options)!); break;
                    case "sample": samples.Add(data.Deserialize<TargetSample>(StreamJson.Options)!); break;
                    case "event": events.Add(data.Deserialize<TimelineEvent>(StreamJson.Options)!); break;
                }
            }
        }
        if (header is null)
            throw new ConfigException($"{streamPath}: not a LoadLeak result stream (no header line)");
        var lastT = Math.Max(intervals.LastOrDefault()?.T ?? 0, samples.LastOrDefault()?.T ?? 0);
        return new RunDocument
        {
            RunId = header.RunId,
            StartedAt = header.StartedAt,
            DurationSeconds = lastT,
            Status = RunStatus.Partial,
            Meta = header.Meta,
            // Phases are streamed with their planned end: one still running when the stream ended closes at the last measured second.
            Phases = phases.Values.Select(p => p with { End = Math.Max(p.Start, p.End > p.Start ? Math.Min(p.End, lastT) : lastT) })
                .OrderBy(p => p.Start).ToArray(),
            Intervals = intervals,
            Samples = samples,
            Events = events,
            Notes = [$"partial run rebuilt from {Path.GetFileName(streamPath)}: the run ended before it wrote run.json; scenario totals and the " +
                "leak verdict are not available"],
        };
    }
}
