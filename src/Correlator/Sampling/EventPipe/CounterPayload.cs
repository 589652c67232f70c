namespace LoadLeak.Correlator.Sampling.EventPipe;

/// <summary>Where a counter value came from: the .NET 9+ meter or the legacy EventCounters.</summary>
internal enum CounterOrigin { Meter, EventCounter }

/// <summary>One published counter value, parsed from an EventPipe payload (as dotnet-counters does).</summary>
internal abstract record CounterPayload(CounterOrigin Origin, string Name, string Unit, string Tags);

/// <summary>A level: meter gauge or up-down counter value, or an EventCounter's mean.</summary>
internal sealed record GaugePayload(CounterOrigin Origin, string Name, string Unit, string Tags, double Value)
    : CounterPayload(Origin, Name, Unit, Tags);

/// <summary>
/// A monotonic counter: <see cref="Rate"/> is the increase over the interval; <see cref="Total"/>
/// the running total when the publisher sends it (the meter's <c>value</c> field).
/// </summary>
internal sealed record RatePayload(CounterOrigin Origin, string Name, string Unit, string Tags, double Rate, double? Total)
    : CounterPayload(Origin, Name, Unit, Tags);

/// <summary>The publisher reported a problem (time-series limit, callback error, second session).</summary>
internal sealed record ErrorPayload(CounterOrigin Origin, string Name, string Message)
    : CounterPayload(Origin, Name, "", "");

/// <summary>A meter collection cycle boundary: values published between two of them belong together.</summary>
internal sealed record CycleBoundaryPayload(bool IsStart)
    : CounterPayload(CounterOrigin.Meter, IsStart ? "CollectionStart" : "CollectionStop", "", "");
