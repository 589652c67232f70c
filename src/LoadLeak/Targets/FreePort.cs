using System.Net;
using System.Net.Sockets;

namespace LoadLeak.Targets;

/// <summary>Picks free loopback ports by letting the OS choose and releasing them at once.</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
