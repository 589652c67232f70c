using System.Text.Json;
using System.Text.Json.Serialization;

namespace LoadLeak.Results;

/// <summary>Reads and writes run.json: camelCase, indented, nulls kept (an absent sample is null, never 0).</summary>
public static class RunDocumentJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions(indented: true);

    private static readonly JsonSerializerOptions Compact = CreateOptions(indented: false);

    public static string Serialize(RunDocument doc) => JsonSerializer.Serialize(doc, Options);

    /// <summary>
    /// The document as run.json holds it (figures rounded, fields run.json leaves out dropped), so that every
    /// report, the console summary and the exit code read exactly what the file says.
    /// </summary>
    public static RunDocument Normalize(RunDocument doc) =>
        JsonSerializer.Deserialize<RunDocument>(JsonSerializer.SerializeToUtf8Bytes(doc, Compact), Options)!;

    /// <summary>Parses run.json text; <paramref name="source"/> names it in error messages.</summary>
    public static RunDocument Deserialize(string json, string source = "<string>")
    {
        SchemaVersionCheck.Ensure(json, source);
        try
        {
            return JsonSerializer.Deserialize<RunDocument>(json, Options)
                ?? throw new RunDocumentFormatException($"{source}: the document is null, expected a run.json object.");
        }
        catch (JsonException e)
        {
            throw new RunDocumentFormatException($"{source}: {Position(e)}: {e.Message}", e);
        }
    }

    public static RunDocument Read(string path)
    {
        string json;
        try { json = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RunDocumentFormatException($"{path}: cannot read the file: {e.Message}", e);
        }
        return Deserialize(json, path);
    }

    public static void Write(RunDocument doc, string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        // Write beside and move so a reader never sees half a file.
        var temp = path + ".tmp";
        File.WriteAllText(temp, Serialize(doc));
        File.Move(temp, path, overwrite: true);
    }

    private static string Position(JsonException e) =>
        e.LineNumber is { } line
            ? $"line {line + 1}, byte {e.BytePositionInLine + 1}{(e.Path is { Length: > 0 } p ? $", at {p}" : "")}"
            : e.Path is { Length: > 0 } path ? $"at {path}" : "position unknown";

    private static JsonSerializerOptions CreateOptions(bool indented)
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            WriteIndented = indented,
            // A fit that failed yields NaN; writing it must not lose the whole run.json.
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            AllowTrailingCommas = false,
            ReadCommentHandling = JsonCommentHandling.Disallow,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
