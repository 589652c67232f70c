using System.Globalization;
using LoadLeak.Correlator.Sampling.Endpoints;

namespace LoadLeak.Correlator.Sampling.Prometheus;

/// <summary>
/// Reads the Prometheus text exposition format (0.0.4, and the OpenMetrics lines it shares): <c># HELP</c> and
/// <c># TYPE</c> comments, samples <c>name{label="value",…} value [timestamp]</c> with escaped label values,
/// NaN and ±Inf values, and the newer quoted names (<c>{"my.metric",label="v"}</c>). Histogram and summary
/// families arrive as their plain <c>_bucket</c>/<c>_sum</c>/<c>_count</c>/quantile samples. A malformed line is
/// skipped and counted; a body that is not exposition text at all (HTML, binary, nothing parsable) throws.
/// </summary>
internal static class ExpositionParser
{
    public static ExpositionDocument Parse(string text)
    {
        RejectNonText(text);
        var samples = new List<ExpositionSample>();
        var types = new Dictionary<string, MetricFamilyType>(StringComparer.Ordinal);
        var help = new Dictionary<string, string>(StringComparer.Ordinal);
        var skipped = 0;
        string? firstSkipped = null;

        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim(' ', '\t', '\r');
            if (line.Length == 0) continue;
            var cursor = new ExpositionCursor(line);
            string? reason;
            if (line[0] == '#')
            {
                reason = ParseComment(cursor, types, help);
            }
            else
            {
                reason = ParseSample(cursor, out var sample);
                if (sample is not null) samples.Add(sample);
            }
            if (reason is null) continue;
            skipped++;
            firstSkipped ??= $"line {i + 1}: {reason}";
        }

        if (samples.Count == 0 && skipped > 0)
            throw new EndpointContentException($"no Prometheus sample in the body ({firstSkipped})");
        return new ExpositionDocument(samples, types, help) { SkippedLines = skipped, FirstSkipped = firstSkipped };
    }

    private static void RejectNonText(string text)
    {
        var start = text.AsSpan().TrimStart();
        if (start.StartsWith("<"))
            throw new EndpointContentException($"an HTML page, not Prometheus text exposition: it starts with '{Excerpt.Of(text)}'");
        if (text.Contains('\0') || text.Contains('\uFFFD'))
            throw new EndpointContentException("a binary body, not Prometheus text exposition");
    }

    /// <summary>Null when the comment is fine (ignored comments included); else why it is skipped.</summary>
    private static string? ParseComment(ExpositionCursor c, Dictionary<string, MetricFamilyType> types, Dictionary<string, string> help)
    {
        c.Advance();
        c.SkipSpace();
        var keyword = c.Word();
        if (keyword is not ("HELP" or "TYPE")) return null;
        c.SkipSpace();
        string? error = null;
        var name = c.Peek == '"' ? c.Quoted(out error) : c.MetricName();
        if (string.IsNullOrEmpty(name)) return $"# {keyword} without a metric name";
        if (keyword == "HELP")
        {
            c.SkipSpace();
            help[name] = ExpositionCursor.UnescapeHelp(c.Rest);
            return null;
        }
        c.SkipSpace();
        var typeWord = c.Word();
        c.SkipSpace();
        if (!c.AtEnd || !TryType(typeWord, out var type)) return $"# TYPE {name}: '{typeWord}' is not a metric type";
        types[name] = type;
        return error;
    }

    private static bool TryType(string word, out MetricFamilyType type)
    {
        type = word switch
        {
            "counter" => MetricFamilyType.Counter,
            "gauge" => MetricFamilyType.Gauge,
            "histogram" or "gaugehistogram" => MetricFamilyType.Histogram,
            "summary" => MetricFamilyType.Summary,
            "untyped" or "unknown" => MetricFamilyType.Untyped,
            _ => (MetricFamilyType)(-1),
        };
        return Enum.IsDefined(type);
    }

    private static string? ParseSample(ExpositionCursor c, out ExpositionSample? sample)
    {
        sample = null;
        string? name = null;
        if (c.Peek != '{')
        {
            name = c.MetricName();
            if (name.Length == 0) return "no metric name";
        }
        c.SkipSpace();
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (c.Peek == '{' && ParseLabels(c, labels, ref name) is { } labelError) return labelError;
        if (name is null) return "no metric name";
        c.SkipSpace();
        var valueWord = c.Word();
        if (!TryValue(valueWord, out var value)) return $"'{valueWord}' is not a sample value";
        c.SkipSpace();
        double? timestamp = null;
        if (!c.AtEnd)
        {
            var timeWord = c.Word();
            if (!double.TryParse(timeWord, NumberStyles.Float, CultureInfo.InvariantCulture, out var ts)) return $"'{timeWord}' is not a timestamp";
            timestamp = ts;
            c.SkipSpace();
            if (!c.AtEnd) return "text after the timestamp";
        }
        sample = new ExpositionSample(name, labels, value, timestamp);
        return null;
    }

    /// <summary><c>{a="1",b="x\"y",}</c>; a bare quoted string inside is the metric's (quoted) name.</summary>
    private static string? ParseLabels(ExpositionCursor c, Dictionary<string, string> labels, ref string? name)
    {
        c.Advance();
        while (true)
        {
            c.SkipSpace();
            if (c.Peek == '}')
            {
                c.Advance();
                return null;
            }
            string? error = null;
            var key = c.Peek == '"' ? c.Quoted(out error) : c.LabelName();
            if (error is not null) return error;
            if (key.Length == 0) return "a label without a name";
            c.SkipSpace();
            if (c.Peek is ',' or '}' && name is null)
            {
                name = key;
            }
            else
            {
                if (c.Peek != '=') return $"label {key}: '=' expected";
                c.Advance();
                c.SkipSpace();
                if (c.Peek != '"') return $"label {key}: a quoted value expected";
                var value = c.Quoted(out error);
                if (error is not null) return $"label {key}: {error}";
                if (!labels.TryAdd(key, value)) return $"label {key} twice";
                c.SkipSpace();
            }
            if (c.Peek == ',') c.Advance();
            else if (c.Peek != '}') return "',' or '}' expected after a label";
        }
    }

    /// <summary>Values as Go's ParseFloat reads them: NaN, +Inf, -Inf in any case, and ordinary floats.</summary>
    internal static bool TryValue(string word, out double value)
    {
        switch (word.ToLowerInvariant())
        {
            case "nan": value = double.NaN; return true;
            case "inf" or "+inf" or "infinity" or "+infinity": value = double.PositiveInfinity; return true;
            case "-inf" or "-infinity": value = double.NegativeInfinity; return true;
        }
        return double.TryParse(word, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }
}
