using System.Net;
using System.Net.Sockets;

namespace Platform.DevBroker.Tests;

internal static class FreePorts
{
    // The first of count consecutive ports that were free a moment ago.
    public static int Consecutive(int count)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var held = new List<TcpListener>();
            try
            {
                held.Add(Listen(0));
                var first = ((IPEndPoint)held[0].LocalEndpoint).Port;
                for (var i = 1; i < count; i++)
                {
                    held.Add(Listen(first + i));
                }

                return first;
            }
            catch (SocketException)
            {
            }
            finally
            {
                held.ForEach(listener => listener.Dispose());
            }
        }

        throw new InvalidOperationException($"No {count} consecutive free ports found.");
    }

    private static TcpListener Listen(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        return listener;
    }
}
