using System.Text.Json;
using LoadLeak.Correlator.Sampling;
using LoadLeak.Documents;
using LoadLeak.Engine.Running;
using LoadLeak.Engine.Stats;
using LoadLeak.Results;

namespace LoadLeak.Sessions;

/// <summary>
/// Appends every phase, interval row and target sample to stream.jsonl as the run goes, flushed each
/// interval, so a crash or kill -9 loses at most one interval; `loadleak report` rebuilds a partial
/// run from it. One JSON object per line: { "type": "phase" | "interval" | "sample" | "event" | "header", "data": … }.
/// </summary>
internal sealed class ResultStream : IEngineObserver, IDisposable
{
    public const string FileName = "stream.jsonl";
    private readonly StreamWriter _writer;
    private readonly Func<TargetSample?> _latestSample;
    private readonly object _gate = new();
    private double _lastSampleT = double.NegativeInfinity;
    private bool _closed;

    public ResultStream(string outDir, RunHeader header, Func<TargetSample?> latestSample)
    {
        _writer = new StreamWriter(Path.Combine(outDir, FileName), append: false);
        _latestSample = latestSample;
        Write("header", header);
        Flush();
    }

    public void OnPhaseStarted(PhaseRecord phase)
    {
        Write("phase", phase);
        Flush();
    }

    public void OnInterval(IReadOnlyList<IntervalRow> rows)
    {
        foreach (var row in rows) Write("interval", row);
        if (_latestSample() is { } sample && sample.T > _lastSampleT)
        {
            _lastSampleT = sample.T;
            Write("sample", sample);
        }
        Flush();
    }

    public void Event(TimelineEvent e)
    {
        Write("event", e);
        Flush();
    }

    private void Write<T>(string type, T data)
    {
        var line = JsonSerializer.Serialize(new StreamRecord<T>(type, data), StreamJson.Options);
        lock (_gate) if (!_closed) _writer.WriteLine(line);
    }

    private void Flush()
    {
        lock (_gate) if (!_closed) _writer.Flush();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _closed = true;
            _writer.Dispose();
        }
    }
}
