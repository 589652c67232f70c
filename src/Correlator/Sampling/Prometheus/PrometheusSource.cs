using System.Collections.Concurrent;
using LoadLeak.Correlator.Sampling.Endpoints;

namespace LoadLeak.Correlator.Sampling.Prometheus;

/// <summary>
/// Scrapes a Prometheus text endpoint once per interval and delivers the well-known metrics it maps, plus the
/// user's own gauges as <c>custom/NAME</c>. Metrics in <paramref name="sampledElsewhere"/> (say RSS when /proc runs
/// too) are left out, so one series never splices two sources. Never throws for target-side trouble: an
/// unreachable endpoint is an event and scraping goes on; a URL that serves something else is a note and the
/// source stops; malformed lines are skipped and noted once.
/// </summary>
public sealed class PrometheusSource(
    Uri url,
    Func<double> now,
    TimeSpan interval,
    IReadOnlyList<string>? customMetrics = null,
    IReadOnlySet<string>? sampledElsewhere = null) : ICounterSource
{
    /// <summary>The classic text format; a client library that also speaks OpenMetrics or protobuf then picks it.</summary>
    public const string Accept = "text/plain;version=0.0.4;q=1,*/*;q=0.1";

    private static readonly TimeSpan ScrapeTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);

    private readonly IReadOnlyList<string> _custom = customMetrics ?? [];
    private readonly ConcurrentDictionary<string, string> _mapped = new(StringComparer.Ordinal);
    private long _skippedLines;

    public string Name => "prometheus";

    public Uri Url { get; } = url;

    /// <summary>The LoadLeak metrics read so far and the exposed name each came from (for "which figures came from where").</summary>
    public IReadOnlyDictionary<string, string> Mapped => _mapped;

    public long SkippedLines => Interlocked.Read(ref _skippedLines);

    public async Task RunAsync(IMeasurementSink sink, CancellationToken ct)
    {
        var health = new EndpointHealth(Name, sink, now);
        var first = true;
        while (true)
        {
            var started = now();
            try
            {
                var document = await ScrapeAsync(Url, ScrapeTimeout, ct).ConfigureAwait(false);
                var t = (started + now()) / 2;
                foreach (var reading in PrometheusMetricMap.Map(document, _custom))
                {
                    if (sampledElsewhere?.Contains(reading.Metric) == true) continue;
                    sink.Add(new Measurement(t, reading.Metric, reading.Value));
                    _mapped.TryAdd(reading.Metric, reading.ExposedName);
                }
                health.Succeeded();
                NoteOddities(document, health, first);
                first = false;
            }
            catch (EndpointException ex) when (ex.IsTransient)
            {
                health.Failed(ex);
            }
            catch (EndpointException ex)
            {
                sink.AddNote($"{Name}: {ex.Message}; no figures from it");
                return;
            }
            await Task.Delay(PollClock.DelayUntilNext(now(), interval), ct).ConfigureAwait(false);
        }
    }

    /// <summary>Null when the URL serves text exposition with at least one sample; else the one-line reason, naming the URL.</summary>
    public static async Task<string?> ProbeAsync(Uri url, CancellationToken ct)
    {
        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(ProbeTimeout);
            await ScrapeAsync(url, ProbeTimeout, limit.Token).ConfigureAwait(false);
            return null;
        }
        catch (EndpointException ex)
        {
            return ex.Message;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return $"{url}: no answer within {ProbeTimeout.TotalSeconds:0} s";
        }
    }

    private static async Task<ExpositionDocument> ScrapeAsync(Uri url, TimeSpan timeout, CancellationToken ct)
    {
        var response = await EndpointClient.GetAsync(url, timeout, ct, Accept).ConfigureAwait(false);
        try
        {
            if (response.IsHtml)
                throw new EndpointContentException($"an HTML page ({response.MediaType}), not Prometheus text exposition");
            return ExpositionParser.Parse(response.Text);
        }
        catch (EndpointContentException ex)
        {
            throw new EndpointException(EndpointFailureKind.WrongContent, url, ex.Message);
        }
    }

    private void NoteOddities(ExpositionDocument document, EndpointHealth health, bool first)
    {
        if (document.SkippedLines > 0)
        {
            Interlocked.Add(ref _skippedLines, document.SkippedLines);
            health.NoteOnce("skipped", $"{Name}: {Url}: skipped {document.SkippedLines} malformed line(s) ({document.FirstSkipped})");
        }
        if (!first) return;
        foreach (var name in _custom)
        {
            var type = document.TypeOf(name);
            if (!document.Named(name).Any())
                health.NoteOnce("missing|" + name, $"{Name}: {Url}: no metric named {name}");
            else if (type is MetricFamilyType.Summary or MetricFamilyType.Histogram)
                health.NoteOnce("family|" + name, $"{Name}: {name} is a {type.ToString().ToLowerInvariant()}, not a gauge; not read");
            else if (type is MetricFamilyType.Counter)
                health.NoteOnce("counter|" + name, $"{Name}: {name} is a counter; it is tested as the level of its running total");
        }
    }
}
