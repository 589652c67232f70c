using System.Globalization;

namespace LoadLeak.Correlator.Sampling.EventPipe;

/// <summary>
/// The one place that turns raw EventPipe counter events into <see cref="CounterPayload"/>s.
/// Fields are read through an accessor so tests can feed hand-built dictionaries. Never throws.
/// </summary>
internal static class CounterPayloadParser
{
    public static bool TryGetCounterPayload(
        string providerName, string eventName, Func<string, object?> field, out CounterPayload? payload)
    {
        payload = null;
        try
        {
            if (string.Equals(providerName, CounterProviders.MetricsProvider, StringComparison.Ordinal))
                payload = ParseMeterEvent(eventName, field);
            else if (eventName == "EventCounters" && field("Payload") is IDictionary<string, object> outer)
                payload = ParseEventCounter(Unwrap(outer));
        }
        catch (Exception ex) when (ex is InvalidCastException or FormatException or KeyNotFoundException or NotSupportedException)
        {
            payload = null;
        }
        return payload is not null;
    }

    private static CounterPayload? ParseMeterEvent(string eventName, Func<string, object?> field)
    {
        string Text(string name) => field(name) as string ?? "";
        switch (eventName)
        {
            case "CollectionStart":
                return new CycleBoundaryPayload(IsStart: true);
            case "CollectionStop":
                return new CycleBoundaryPayload(IsStart: false);
            case "GaugeValuePublished":
                return ParseNumber(Text("lastValue")) is { } last
                    ? new GaugePayload(CounterOrigin.Meter, Text("instrumentName"), Text("unit"), Text("tags"), last)
                    : null;
            case "UpDownCounterRateValuePublished":
                // For up-down counters the level is the 'value' field; 'rate' is only the change.
                return ParseNumber(Text("value")) is { } level
                    ? new GaugePayload(CounterOrigin.Meter, Text("instrumentName"), Text("unit"), Text("tags"), level)
                    : null;
            case "CounterRateValuePublished":
                var rate = ParseNumber(Text("rate"));
                var total = ParseNumber(Text("value"));
                return rate is null && total is null
                    ? null
                    : new RatePayload(CounterOrigin.Meter, Text("instrumentName"), Text("unit"), Text("tags"), rate ?? 0, total);
            case "TimeSeriesLimitReached":
            case "HistogramLimitReached":
            case "Error":
            case "ObservableInstrumentCallbackError":
            case "MultipleSessionsNotSupportedError":
            case "MultipleSessionsConfiguredIncorrectlyError":
                return new ErrorPayload(CounterOrigin.Meter, eventName, Text("errorMessage"));
            default:
                return null;
        }
    }

    /// <summary>TraceEvent nests the counter fields one level down: Payload → { "Payload": fields }.</summary>
    private static IDictionary<string, object> Unwrap(IDictionary<string, object> outer) =>
        outer.TryGetValue("Payload", out var inner) && inner is IDictionary<string, object> fields ? fields : outer;

    private static CounterPayload? ParseEventCounter(IDictionary<string, object> counter)
    {
        // Never enumerate this dictionary: its Keys throws on EventCounters payloads.
        string Text(string key) => counter.TryGetValue(key, out var v) ? Convert.ToString(v, CultureInfo.InvariantCulture) ?? "" : "";
        double? Number(string key) =>
            counter.TryGetValue(key, out var v) && v is not null ? ToDouble(v) : null;

        var name = Text("Name");
        if (name.Length == 0) return null;
        var unit = Text("DisplayUnits");
        if (Text("CounterType") == "Sum")
            return Number("Increment") is { } increment
                ? new RatePayload(CounterOrigin.EventCounter, name, unit, "", increment, null)
                : null;
        return Number("Mean") is { } mean
            ? new GaugePayload(CounterOrigin.EventCounter, name, unit, "", mean)
            : null;
    }

    private static double? ToDouble(object value) => value switch
    {
        double d => d,
        float f => f,
        int i => i,
        long l => l,
        string s => ParseNumber(s),
        IConvertible c => c.ToDouble(CultureInfo.InvariantCulture),
        _ => null,
    };

    private static double? ParseNumber(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : null;
}
