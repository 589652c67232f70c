using System.Text.Json.Serialization;

namespace LoadLeak.Results;

/// <summary>What a top grower names: a .NET type (the field is omitted then) or a Go allocating function.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<GrowerKind>))]
public enum GrowerKind
{
    DotnetType,
    GoAllocSite,
}
