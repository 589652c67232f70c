using System.Text.Json.Serialization;

namespace LoadLeak.Results;

/// <summary>Marks a figure run.json writes with at most 3 decimals (<see cref="Round3Converter"/>).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
internal sealed class Round3Attribute() : JsonConverterAttribute(typeof(Round3Converter));
