using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Gateway.Tests.Infrastructure;

/// <summary>
/// A real gRPC server on a free port with in-test Tiering services (tiers, the tier table, client
/// benefits and redemptions, the benefit catalogue). A client id's or benefit id's prefix picks a
/// misbehaviour as on the fake Onboarding (missing-, invalid-, aborted-, exhausted-, denied-, ...).
/// </summary>
public sealed class FakeTieringServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private FakeTieringServer(WebApplication app, Uri address)
    {
        this.app = app;
        Address = address;
    }

    public FakeTierConfigService TierConfig => app.Services.GetRequiredService<FakeTierConfigService>();

    public FakeBenefitsService Benefits => app.Services.GetRequiredService<FakeBenefitsService>();

    public FakeBenefitCatalogService Catalog => app.Services.GetRequiredService<FakeBenefitCatalogService>();

    /// <summary>Tables stored, benefits created or changed, redemptions made.</summary>
    public StateChanges StateChanges => app.Services.GetRequiredService<StateChanges>();

    public Uri Address { get; }

    public static async Task<FakeTieringServer> StartAsync()
    {
        var (app, address) = await FakeGrpcHost.StartAsync(
            services => services.AddSingleton<FakeTieringService>().AddSingleton<FakeTierConfigService>()
                .AddSingleton<FakeBenefitsService>().AddSingleton<FakeBenefitCatalogService>(),
            app =>
            {
                app.MapGrpcService<FakeTieringService>();
                app.MapGrpcService<FakeTierConfigService>();
                app.MapGrpcService<FakeBenefitsService>();
                app.MapGrpcService<FakeBenefitCatalogService>();
            });
        return new FakeTieringServer(app, address);
    }

    public ValueTask DisposeAsync() => FakeGrpcHost.StopAsync(app);
}
