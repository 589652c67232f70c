using System.Text.Json;

namespace LoadLeak.Sessions;

/// <summary>How stream.jsonl is written and read: web defaults, one object per line.</summary>
internal static class StreamJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = false };
}
