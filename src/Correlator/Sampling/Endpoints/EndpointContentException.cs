namespace LoadLeak.Correlator.Sampling.Endpoints;

/// <summary>
/// A body that is not what the endpoint should serve (an HTML page, a profile that is not gzip, text where JSON was due).
/// The message is one line, fit for a note; the caller prefixes the URL.
/// </summary>
internal sealed class EndpointContentException(string message) : Exception(message);
