using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Platform.TestSupport.Network;

/// <summary>
/// Ports for servers a test starts later (PostgreSQL, Redis, the app host's services). They are
/// picked at random below the kernel's ephemeral range: a port from that range (what binding
/// port 0 returns) can be handed to another test process's port-0 listener or outgoing
/// connection between the moment we see it free and the moment our server binds it, and test
/// projects run at the same time (seen: the end-to-end gateway failing with "address in use").
/// </summary>
public static class FreePorts
{
    // Above the fixed ports of ./platform up (8080, 15432, 16379, 19092, 5x01), which may start while tests run.
    private const int Lowest = 20_000;

    /// <summary>A port nobody listens on right now.</summary>
    public static int One() => Consecutive(1);

    /// <summary>The first of <paramref name="count"/> consecutive ports nobody listens on right now.</summary>
    public static int Consecutive(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var below = EphemeralRangeStart();
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var first = Random.Shared.Next(Lowest, below - count + 1);
            if (Enumerable.Range(first, count).All(IsFree))
            {
                return first;
            }
        }

        throw new InvalidOperationException($"No {count} consecutive free ports found between {Lowest} and {below}.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The first port of the kernel's ephemeral range (net.ipv4.ip_local_port_range), 32768 where it cannot be read.</summary>
    private static int EphemeralRangeStart()
    {
        const int linuxDefault = 32_768;
        try
        {
            var text = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' ', '\n'],
                StringSplitOptions.RemoveEmptyEntries);
            var start = int.Parse(text[0], CultureInfo.InvariantCulture);
            return start > Lowest + 1_000 ? start : linuxDefault; // a range starting too low for a pick beneath it: assume the default
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return linuxDefault;
        }
    }
}
