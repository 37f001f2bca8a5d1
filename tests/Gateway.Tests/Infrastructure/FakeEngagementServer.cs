using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Gateway.Tests.Infrastructure;

/// <summary>A real gRPC server on a free port with Engagement's erasure contract (<see cref="FakePrivacyService"/>).</summary>
public sealed class FakeEngagementServer : IAsyncDisposable
{
    /// <summary>Where the gateway finds Engagement (service discovery's key).</summary>
    public const string AddressKey = "services:engagement:grpc:0";

    private readonly WebApplication app;

    private FakeEngagementServer(WebApplication app, Uri address)
    {
        this.app = app;
        Address = address;
    }

    public FakePrivacyService Privacy => app.Services.GetRequiredService<FakePrivacyService>();

    /// <summary>Erasures accepted.</summary>
    public StateChanges StateChanges => app.Services.GetRequiredService<StateChanges>();

    public Uri Address { get; }

    public static async Task<FakeEngagementServer> StartAsync()
    {
        var (app, address) = await FakeGrpcHost.StartAsync(services => services.AddSingleton<FakePrivacyService>(),
            app => app.MapGrpcService<FakePrivacyService>());
        return new FakeEngagementServer(app, address);
    }

    public ValueTask DisposeAsync() => FakeGrpcHost.StopAsync(app);
}
