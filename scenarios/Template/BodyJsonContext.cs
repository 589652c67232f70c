using System.Text.Json.Serialization;

namespace LoadLeak.Scenarios.Template;

[JsonSerializable(typeof(RequestTemplate.Body))]
internal sealed partial class BodyJsonContext : JsonSerializerContext;
