using System.Net;
using System.Net.Sockets;

namespace LoadLeak.IntegrationTests.Infrastructure;

internal static class FreePort
{
    /// <summary>A loopback port nobody listens on right now (the OS picked it, then it was released).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
