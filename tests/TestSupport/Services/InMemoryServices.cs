using Microsoft.AspNetCore.TestHost;

namespace Platform.TestSupport.Services;

/// <summary>
/// A primary HTTP handler in front of in-memory services (the gateway's, or a service's calling another): a request goes to the test
/// server its host names (the address service discovery resolved), anything else to
/// the network as usual.
/// </summary>
public sealed class InMemoryServices : HttpMessageHandler
{
    private readonly Dictionary<string, HttpMessageInvoker> servers;
    private readonly HttpMessageInvoker network = new(new SocketsHttpHandler());

    public InMemoryServices(IReadOnlyDictionary<string, TestServer> byHost) =>
        servers = byHost.ToDictionary(s => s.Key, s => new HttpMessageInvoker(s.Value.CreateHandler()), StringComparer.OrdinalIgnoreCase);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        (request.RequestUri is { } uri && servers.TryGetValue(uri.Host, out var server) ? server : network).SendAsync(request, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var server in servers.Values)
            {
                server.Dispose();
            }

            network.Dispose();
        }

        base.Dispose(disposing);
    }
}
