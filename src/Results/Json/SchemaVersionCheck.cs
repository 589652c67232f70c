using System.Text;
using System.Text.Json;

namespace LoadLeak.Results;

/// <summary>
/// Looks at schemaVersion before binding the whole document, so a file from a newer LoadLeak
/// is reported as "too new" rather than as whatever field happens to fail to bind first.
/// </summary>
internal static class SchemaVersionCheck
{
    public static void Ensure(string json, string source)
    {
        var version = FindTopLevelVersion(json, source);
        if (version is null)
            throw new RunDocumentFormatException($"{source}: no top-level \"schemaVersion\"; this is not a LoadLeak run.json.");
        if (version > RunDocument.CurrentSchemaVersion)
            throw new RunDocumentFormatException(
                $"{source}: schemaVersion {version} is newer than this LoadLeak understands " +
                $"(≤ {RunDocument.CurrentSchemaVersion}); upgrade LoadLeak to read it.");
        if (version < 1)
            throw new RunDocumentFormatException($"{source}: schemaVersion {version} is not valid (must be ≥ 1).");
    }

    private static int? FindTopLevelVersion(string json, string source)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json), new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                throw new RunDocumentFormatException($"{source}: line 1: expected a JSON object at the top level.");
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isVersion = reader.ValueTextEquals("schemaVersion");
                reader.Read();
                if (isVersion)
                {
                    if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var v)) return v;
                    throw new RunDocumentFormatException($"{source}: \"schemaVersion\" must be an integer.");
                }
                reader.Skip();
            }
            return null;
        }
        catch (JsonException e)
        {
            throw new RunDocumentFormatException(
                $"{source}: malformed JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}: {e.Message}", e);
        }
    }
}
