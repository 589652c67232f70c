using System.Globalization;
using System.Text.Json;
using LoadLeak.Correlator.Sampling.Endpoints;

namespace LoadLeak.Correlator.Sampling.Go;

/// <summary>
/// runtime.MemStats from the two places a Go service shows it: the <c>memstats</c> object of expvar's
/// <c>/debug/vars</c> JSON, and the <c># runtime.MemStats</c> trailer of <c>heap?debug=1</c> (for services
/// without expvar; it lists the heap's allocation sites first, so it costs more).
/// </summary>
internal static class GoMemStatsReader
{
    public static GoMemStats FromExpvar(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            throw new EndpointContentException($"not expvar JSON: it starts with '{Excerpt.Of(json)}'");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("memstats", out var m) || m.ValueKind != JsonValueKind.Object)
                throw new EndpointContentException("expvar JSON without a memstats object");
            double? Number(string name) => m.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
            return new GoMemStats
            {
                HeapAlloc = Number("HeapAlloc"),
                HeapInuse = Number("HeapInuse"),
                StackInuse = Number("StackInuse"),
                Sys = Number("Sys"),
                NumGc = Number("NumGC"),
                TotalAlloc = Number("TotalAlloc"),
                PauseTotalNs = Number("PauseTotalNs"),
            };
        }
    }

    /// <summary>The <c># Name = value</c> lines; <c># Stack = inuse / sys</c> gives StackInuse.</summary>
    public static GoMemStats FromHeapDebug(string text)
    {
        var at = text.LastIndexOf("# runtime.MemStats", StringComparison.Ordinal);
        if (at < 0) throw new EndpointContentException($"no '# runtime.MemStats' section in heap?debug=1: it starts with '{Excerpt.Of(text)}'");
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var raw in text[at..].Split('\n'))
        {
            var line = raw.TrimStart('#').Trim();
            var eq = line.IndexOf(" = ", StringComparison.Ordinal);
            if (eq <= 0) continue;
            var value = line[(eq + 3)..].Split(' ', 2)[0];
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)) values[line[..eq]] = v;
        }
        double? Get(string name) => values.TryGetValue(name, out var v) ? v : null;
        return new GoMemStats
        {
            HeapAlloc = Get("HeapAlloc"),
            HeapInuse = Get("HeapInuse"),
            StackInuse = Get("Stack"),
            Sys = Get("Sys"),
            NumGc = Get("NumGC"),
            TotalAlloc = Get("TotalAlloc"),
        };
    }
}
