using System.Net;
using System.Net.Sockets;

namespace Platform.Gateway.Tests.Infrastructure;

/// <summary>Addresses where nothing listens: a downstream service that is down.</summary>
public static class ClosedPorts
{
    // Bound for the test process's life but never listening: a connection is refused, and no other
    // process (tests run side by side) can start listening there meanwhile, as it could on a port
    // merely seen free a moment ago.
    private static readonly Socket Held = BindWithoutListening();

    /// <summary>A loopback port where connecting is refused for as long as the tests run.</summary>
    public static string Address() => $"http://127.0.0.1:{((IPEndPoint)Held.LocalEndPoint!).Port}";

    private static Socket BindWithoutListening()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ExclusiveAddressUse = true };
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }
}
