namespace LoadLeak.Scenarios.Grpc;

/// <summary>
/// Puts the scenario's constant <c>grpc-timeout</c> on every call's HTTP/2 request. Grpc.Net.Client sends that
/// header only for a <c>CallOptions.Deadline</c>, which costs a timer per call, and drops it from metadata;
/// the scenario enforces the deadline on the client with a shared token instead, and this handler still
/// tells the server, so the server cuts the call at the deadline as it would for any gRPC client.
/// </summary>
internal sealed class DeadlineHeaderHandler(TimeSpan deadline, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private const string Header = "grpc-timeout";

    private readonly string _value = Format(deadline);

    /// <summary>The gRPC wire format of a timeout: at most 8 digits and a unit (here milliseconds, "m").</summary>
    internal static string Format(TimeSpan deadline) =>
        ((long)Math.Ceiling(deadline.TotalMilliseconds)).ToString(System.Globalization.CultureInfo.InvariantCulture) + "m";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.TryAddWithoutValidation(Header, _value);
        return base.SendAsync(request, cancellationToken);
    }
}
