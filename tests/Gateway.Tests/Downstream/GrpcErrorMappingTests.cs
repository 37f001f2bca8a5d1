using System.Net.Http.Json;
using Platform.Gateway.Tests.Infrastructure;
using Platform.Gateway.Tests.Funnel;

namespace Platform.Gateway.Tests.Downstream;

/// <summary>The gRPC statuses a service answers with, as the caller sees them (the fake picks its status from the id's prefix).</summary>
public sealed class GrpcErrorMappingTests(GatewayFixture fixture)
{
    [Fact]
    public async Task ResourceExhaustedIs429WithRetryAfter()
    {
        using var client = await fixture.Gateway.ClientAsAsync("operator", "ops-1");

        using var response = await client.GetAsync($"/v1/onboarding/clients/{Steps.UniqueClient("exhausted")}/progress", TestContext.Current.CancellationToken);

        var problem = await response.ReadProblemAsync(429);
        Assert.Equal("The service is saturated.", problem.GetProperty("detail").GetString());
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task AServiceRefusingATokenTheGatewayAcceptedIs503NotA500()
    {
        using var client = await fixture.Gateway.ClientAsAsync("operator", "ops-1");

        using var response = await client.GetAsync($"/v1/onboarding/clients/{Steps.UniqueClient("unauthenticated")}/progress", TestContext.Current.CancellationToken);

        var problem = await response.ReadProblemAsync(503);
        Assert.DoesNotContain("Bad token", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Theory]
    [InlineData("aborted", 409, "A concurrent change won; retry.")]
    [InlineData("denied", 403, "The client's tier is below the benefit's minimum.")]
    public async Task AbortedIs409AndPermissionDenied403WithTheServicesDetail(string prefix, int status, string detail)
    {
        using var client = await fixture.Gateway.ClientAsAsync("client", "c-1");

        using var response = await client.PostAsJsonAsync($"/v1/clients/c-1/benefits/{Steps.UniqueClient(prefix)}/redemptions",
            new { redemptionKey = "k-1" }, TestContext.Current.CancellationToken);

        var problem = await response.ReadProblemAsync(status);
        Assert.Equal(detail, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task TheFieldErrorsTrailerOfATieringCallIsA400CarryingThem()
    {
        using var operators = await fixture.Gateway.ClientAsAsync("operator", "ops-1");

        using var response = await operators.PutAsJsonAsync($"/v1/benefits/{Steps.UniqueClient("invalid")}",
            new { name = "n", kind = "service", minTier = "V2" }, TestContext.Current.CancellationToken);

        var problem = await response.ReadValidationProblemAsync("funnel");
        Assert.Equal("Unknown funnel.", problem.GetProperty("errors").GetProperty("funnel")[0].GetString());
    }
}
