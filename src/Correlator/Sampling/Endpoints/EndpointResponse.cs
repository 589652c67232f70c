namespace LoadLeak.Correlator.Sampling.Endpoints;

/// <summary>A successful (2xx) answer's body and media type.</summary>
internal sealed record EndpointResponse(Uri Url, byte[] Body, string? MediaType)
{
    public string Text => System.Text.Encoding.UTF8.GetString(Body);

    public bool IsHtml => MediaType is "text/html" or "application/xhtml+xml";
}
