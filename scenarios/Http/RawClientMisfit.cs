namespace LoadLeak.Scenarios.Http;

/// <summary>
/// A setting the raw HTTP/1.1 client cannot honour: <see cref="Key"/> and <see cref="Problem"/> make the config error
/// when the config names <c>Client: raw</c>; <see cref="Reason"/> is why <c>auto</c> picks SocketsHttpHandler instead.
/// </summary>
internal sealed record RawClientMisfit(string Key, string Problem, string Reason);
