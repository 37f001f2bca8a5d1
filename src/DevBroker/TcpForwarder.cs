using System.Buffers;
using System.Net;
using System.Net.Sockets;

namespace Platform.DevBroker;

// Listens on a broker's fixed address and pipes each connection to the mock broker's own
// (random) port. While stopped it neither listens nor keeps connections open, so clients see
// the broker as unreachable exactly as the mock reports it.
internal sealed class TcpForwarder(Socket listener, IPEndPoint upstream) : IDisposable
{
    private const int BufferSize = 64 * 1024;

    private readonly IPEndPoint _address = (IPEndPoint)listener.LocalEndPoint!;
    private readonly Lock _gate = new();
    private Socket? _listener = listener;
    private CancellationTokenSource _session = new();
    private bool _disposed;

    public int Port => _address.Port;

    // Returns null when the port is taken.
    public static TcpForwarder? TryBind(IPEndPoint address, IPEndPoint upstream) =>
        Listen(address) is { } socket ? new TcpForwarder(socket, upstream) : null;

    public void Start() => _ = AcceptLoopAsync(_listener!, _session.Token);

    public void Stop()
    {
        lock (_gate)
        {
            _listener?.Dispose();
            _listener = null;
            // The old source is cancelled, not disposed: connections still starting may link to its token.
            _session.Cancel();
            _session = new CancellationTokenSource();
        }
    }

    public void Resume()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_listener is not null)
            {
                return;
            }

            var socket = Listen(_address)
                ?? throw new InvalidOperationException($"DevBroker could not listen on {_address} again; another process took the port.");
            _listener = socket;
            _ = AcceptLoopAsync(socket, _session.Token);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
        }

        Stop();
    }

    private static Socket? Listen(IPEndPoint address)
    {
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            // No ReuseAddress: on Linux .NET maps it to SO_REUSEPORT too, which would let a second DevBroker
            // share the port silently. .NET already sets SO_REUSEADDR, so Resume() can rebind despite TIME_WAIT.
            socket.Bind(address);
            socket.Listen(128);
            return socket;
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
        {
            socket.Dispose();
            return null;
        }
    }

    private async Task AcceptLoopAsync(Socket socket, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await socket.AcceptAsync(stopping);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return;
            }

            _ = PipeAsync(client, stopping);
        }
    }

    private async Task PipeAsync(Socket client, CancellationToken stopping)
    {
        var server = new Socket(upstream.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        // Closing both sockets is what ends the pending reads, on Stop() as well as on either side's close.
        await using var closeBoth = ended.Token.Register(() =>
        {
            client.Dispose();
            server.Dispose();
        });
        try
        {
            // Kafka requests are small and latency-bound; Nagle plus delayed ACKs would add ~40 ms per hop.
            client.NoDelay = true;
            server.NoDelay = true;
            await server.ConnectAsync(upstream, ended.Token);
            await Task.WhenAny(CopyAsync(client, server), CopyAsync(server, client));
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
        }
        finally
        {
            await ended.CancelAsync();
        }
    }

    private static async Task CopyAsync(Socket from, Socket to)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            int read;
            while ((read = await from.ReceiveAsync(buffer, SocketFlags.None)) > 0)
            {
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
