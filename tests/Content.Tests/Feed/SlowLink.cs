using System.Net;
using System.Net.Sockets;

namespace Platform.Content.Tests.Feed;

/// <summary>
/// A TCP link to a server whose answers, once <see cref="Slow"/> is set, reach the client at <see cref="BytesPerSecond"/>:
/// a client held up reading what the server sent, as on a loaded machine, made repeatable.
/// </summary>
public sealed class SlowLink : IAsyncDisposable
{
    public const int BytesPerSecond = 1000;
    private const int Slice = 50;

    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly int serverPort;
    private readonly CancellationTokenSource stopping = new();
    private readonly List<TcpClient> connections = [];

    private SlowLink(int serverPort)
    {
        this.serverPort = serverPort;
        listener.Start();
        _ = AcceptAsync();
    }

    /// <summary>Where the client connects instead of the server.</summary>
    public string Address => $"127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";

    public bool Slow { get; set; }

    public static SlowLink To(int serverPort) => new(serverPort);

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await listener.AcceptTcpClientAsync(stopping.Token);
                var server = new TcpClient();
                await server.ConnectAsync(IPAddress.Loopback, serverPort, stopping.Token);
                lock (connections)
                {
                    connections.AddRange([client, server]);
                }

                _ = PumpAsync(client.GetStream(), server.GetStream(), slowed: false);
                _ = PumpAsync(server.GetStream(), client.GetStream(), slowed: true);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Disposed.
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to, bool slowed)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (await from.ReadAsync(buffer, stopping.Token) is var read and > 0)
            {
                for (var sent = 0; sent < read; )
                {
                    var length = slowed && Slow ? Math.Min(Slice, read - sent) : read - sent;
                    await to.WriteAsync(buffer.AsMemory(sent, length), stopping.Token);
                    sent += length;
                    if (slowed && Slow)
                    {
                        // The link's pace, not a wait for work: Slice bytes per Slice/BytesPerSecond seconds.
                        await Task.Delay(TimeSpan.FromSeconds((double)Slice / BytesPerSecond), stopping.Token);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // Closed or disposed.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        lock (connections)
        {
            connections.ForEach(c => c.Dispose());
        }

        stopping.Dispose();
    }
}
