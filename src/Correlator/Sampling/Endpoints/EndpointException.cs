using System.Net;

namespace LoadLeak.Correlator.Sampling.Endpoints;

/// <summary>A failed request to a target endpoint; the message is one line and names the URL.</summary>
internal sealed class EndpointException(EndpointFailureKind kind, Uri url, string reason, HttpStatusCode? status = null)
    : Exception($"{url}: {reason}")
{
    public EndpointFailureKind Kind { get; } = kind;

    public Uri Url { get; } = url;

    public string Reason { get; } = reason;

    public HttpStatusCode? Status { get; } = status;

    /// <summary>Transport trouble passes; a wrong URL or a missing endpoint does not.</summary>
    public bool IsTransient => Kind is EndpointFailureKind.Unreachable or EndpointFailureKind.TimedOut
        || Status is HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout
            or HttpStatusCode.TooManyRequests or HttpStatusCode.InternalServerError;
}
