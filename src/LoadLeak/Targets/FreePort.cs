using System.Net;
using System.Net.Sockets;

namespace LoadLeak.Targets;

/// <summary>
/// Picks free loopback ports by letting the OS choose and releasing them at once. A port is handed out once per
/// process: the OS may offer a just-released port again, and two placeholders on one port fail the target's bind.
/// </summary>
internal static class FreePort
{
    private static readonly HashSet<int> Issued = [];

    public static int Next()
    {
        for (var attempt = 0; ; attempt++)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            lock (Issued)
                if (Issued.Add(port) || attempt >= 100) return port;
        }
    }
}
