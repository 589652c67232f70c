namespace LoadLeak.Results;

/// <summary>run.json could not be read: malformed JSON, missing fields, or a schema this build does not know.</summary>
public sealed class RunDocumentFormatException : Exception
{
    public RunDocumentFormatException(string message, Exception? inner = null) : base(message, inner) { }
}
