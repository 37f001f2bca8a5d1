using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Gateway.Tests.Infrastructure;

/// <summary>
/// A real gRPC server on a free port with in-test Content services (the catalogue, client tags and segments, feeds).
/// An item id's, client id's or segment key's prefix picks a misbehaviour as on the fake Onboarding (missing-, invalid-,
/// aborted-, exhausted-, denied-, ...).
/// </summary>
public sealed class FakeContentServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private FakeContentServer(WebApplication app, Uri address)
    {
        this.app = app;
        Address = address;
    }

    public FakeCatalogService Catalog => app.Services.GetRequiredService<FakeCatalogService>();

    public FakeAudienceService Audience => app.Services.GetRequiredService<FakeAudienceService>();

    public FakeFeedService Feed => app.Services.GetRequiredService<FakeFeedService>();

    public FakeExperimentService Experiments => app.Services.GetRequiredService<FakeExperimentService>();

    /// <summary>Items created or changed, tags set, segments created or changed, experiments created or changed, conversions recorded.</summary>
    public StateChanges StateChanges => app.Services.GetRequiredService<StateChanges>();

    public Uri Address { get; }

    public static async Task<FakeContentServer> StartAsync()
    {
        var (app, address) = await FakeGrpcHost.StartAsync(
            services => services.AddSingleton<FakeCatalogService>().AddSingleton<FakeAudienceService>().AddSingleton<FakeFeedService>()
                .AddSingleton<FakeExperimentService>().AddSingleton<FakeConversionService>(),
            app =>
            {
                app.MapGrpcService<FakeCatalogService>();
                app.MapGrpcService<FakeAudienceService>();
                app.MapGrpcService<FakeFeedService>();
                app.MapGrpcService<FakeExperimentService>();
                app.MapGrpcService<FakeConversionService>();
            });
        return new FakeContentServer(app, address);
    }

    public ValueTask DisposeAsync() => FakeGrpcHost.StopAsync(app);
}
