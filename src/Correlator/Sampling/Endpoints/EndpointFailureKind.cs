namespace LoadLeak.Correlator.Sampling.Endpoints;

/// <summary>Why a request to a target's endpoint gave no usable answer.</summary>
internal enum EndpointFailureKind
{
    /// <summary>Not an absolute http:// or https:// URL.</summary>
    InvalidUrl,
    /// <summary>No connection (refused, reset, DNS): the target may be down or restarting; worth retrying.</summary>
    Unreachable,
    /// <summary>No answer within the request's time limit (a saturated target); worth retrying.</summary>
    TimedOut,
    /// <summary>An HTTP error status.</summary>
    HttpStatus,
    /// <summary>An answer that is not the data the endpoint should serve (HTML, not gzip, unparsable): a wrong URL.</summary>
    WrongContent,
}
