using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.TestSupport.Network;

namespace Platform.Bench.Common.Hosting;

/// <summary>
/// A minimal-API app in this process on a free loopback port, with no configuration and no logging: the plain-Kestrel
/// yardstick a benchmark measures its gateway route against, with the same load generator and settings.
/// </summary>
public sealed class PlainKestrel : IAsyncDisposable
{
    private readonly WebApplication app;

    private PlainKestrel(WebApplication app, int port)
    {
        this.app = app;
        Port = port;
    }

    public int Port { get; }

    /// <param name="services">E.g. the JSON options of the answer's types.</param>
    /// <param name="map">The route(s) the baseline answers.</param>
    public static async Task<PlainKestrel> StartAsync(Action<IServiceCollection> services, Action<WebApplication> map)
    {
        var port = FreePorts.One();
        var builder = WebApplication.CreateSlimBuilder();
        // A service's appsettings.json is copied beside the bench (project reference): its Kestrel endpoints must not apply here.
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        services(builder.Services);
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return new PlainKestrel(app, port);
    }

    public Uri Url(string path) => new($"http://127.0.0.1:{Port}{path}");

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
