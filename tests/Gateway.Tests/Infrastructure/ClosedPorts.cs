using System.Net;
using System.Net.Sockets;

namespace Platform.Gateway.Tests.Infrastructure;

/// <summary>Addresses where nothing listens: a downstream service that is down.</summary>
public static class ClosedPorts
{
    /// <summary>A loopback port that was free a moment ago; connecting to it is refused.</summary>
    public static string Address()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}";
    }
}
