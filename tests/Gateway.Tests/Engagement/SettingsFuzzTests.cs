using Platform.Gateway.Tests.Fuzz;
using Platform.Gateway.Tests.Infrastructure;
using Platform.Gateway.Tests.Routes;

namespace Platform.Gateway.Tests.Engagement;

/// <summary>
/// The real-services fuzz pass for the settings routes (as <see cref="ContentFuzzTests"/> for Content's): none may answer
/// 5xx, none answered 4xx may change Engagement's database (every table, compared after each request), and each route
/// answers at least one request 2xx. Seeded like <see cref="GatewayFuzzTests"/>.
/// </summary>
public sealed class SettingsFuzzTests(SettingsServicesFixture services) : IClassFixture<SettingsServicesFixture>
{
    private const int RequestsPerRoute = 150;

    [Fact]
    public async Task NoMalformedSettingsAnswer5xxOrChangeEngagementsDatabase()
    {
        var seed = FuzzPass.Seed();
        var gateway = services.Gateway;
        var (routes, schemas) = await OpenApiRoutes.ReadAsync(gateway);
        var settingsRoutes = routes.Where(SettingsRoutes.Contains).ToList();
        var pass = new FuzzPass(gateway, new RequestGenerator(new Random(seed), schemas, gateway.Time.GetUtcNow()), ReadStateAsync);

        await pass.RunAsync(settingsRoutes, RequestsPerRoute);

        Assert.True(pass.Failures.Count == 0, pass.Report(seed));
        Assert.Equal(["GET /v1/config/engagement", "PUT /v1/config/engagement"], settingsRoutes.Select(route => route.Key).Order());
        var unanswered = settingsRoutes.Where(route => !pass.StatusesOf(route.Key).Keys.Any(status => status is >= 200 and < 300)).Select(route => route.Key);
        Assert.True(!unanswered.Any(), $"no request answered 2xx on: {string.Join(", ", unanswered)}");
    }

    private async Task<string> ReadStateAsync() => string.Join('\n', await DatabaseState.ReadAsync([services.Database]));
}
