using System.Text.Json.Serialization;

namespace LoadLeak.Results;

/// <summary>How a scenario's client was picked: by <c>auto</c> (the default) or named in CustomSettings.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<ClientSelection>))]
public enum ClientSelection
{
    /// <summary><c>auto</c>: LoadLeak's own client where the settings allow it, the library client otherwise.</summary>
    Auto,

    /// <summary>The config named the client (<c>Client</c> / <c>Producer</c>).</summary>
    Configured,
}
