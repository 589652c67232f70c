using System.Text.Json.Serialization;

namespace LoadLeak.Results;

/// <summary>Whether a retained-heap reading was taken.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<RetainedReading>))]
public enum RetainedReading
{
    /// <summary>The induced full GC was matched and its heap stats read.</summary>
    Measured,

    /// <summary>No induced full GC was matched, twice: there is no reading, and nothing may stand in for one
    /// (a heap read without that GC still holds garbage).</summary>
    Missing,
}
