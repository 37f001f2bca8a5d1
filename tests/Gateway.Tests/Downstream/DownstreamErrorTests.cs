using System.Net;
using Platform.Gateway.Tests.Infrastructure;
using Platform.Gateway.Tests.Funnel;

namespace Platform.Gateway.Tests.Downstream;

public sealed class DownstreamErrorTests(GatewayFixture fixture)
{
    private GatewayFactory Gateway => fixture.Gateway;

    private FakeOnboardingService Onboarding => fixture.Onboarding.Service;

    [Fact]
    public async Task OnboardingDownIs503WithRetryAfterAndNoStackTrace()
    {
        await using var gateway = GatewayFactory.Create(fixture.Onboarding.Address, settings =>
            settings["services:onboarding:grpc:0"] = ClosedPorts.Address());
        using var client = await gateway.ClientAsAsync("client", "c-1");

        using var post = await client.PostAsync(Steps.Valid("c-1", gateway.Time.GetUtcNow()));
        using var get = await client.GetAsync("/v1/onboarding/clients/c-1/progress", TestContext.Current.CancellationToken);

        foreach (var response in new[] { post, get })
        {
            await response.ReadProblemAsync(503);
            Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        }
    }

    [Fact]
    public async Task ACallPastItsDeadlineIs503()
    {
        await using var gateway = GatewayFactory.Create(fixture.Onboarding.Address, settings =>
            settings["Gateway:Grpc:Deadline"] = "00:00:00.300");
        using var client = await gateway.ClientAsAsync("operator", "ops-1");

        using var response = await client.GetAsync($"/v1/onboarding/clients/{Steps.UniqueClient("slow")}/progress",
            TestContext.Current.CancellationToken);

        await response.ReadProblemAsync(503);
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task NotFoundFromOnboardingIs404()
    {
        using var client = await Gateway.ClientAsAsync("operator", "ops-1");

        using var response = await client.GetAsync($"/v1/onboarding/clients/{Steps.UniqueClient("missing")}/progress",
            TestContext.Current.CancellationToken);

        var problem = await response.ReadProblemAsync(404);
        Assert.Equal("No such client.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task InvalidArgumentWithFieldErrorsIs400CarryingThem()
    {
        var clientId = Steps.UniqueClient("invalid");
        using var client = await Gateway.ClientAsAsync("client", clientId);

        using var response = await client.PostAsync(Steps.Valid(clientId, Gateway.Time.GetUtcNow()));

        var problem = await response.ReadValidationProblemAsync("funnel");
        Assert.Equal("Unknown funnel.", problem.GetProperty("errors").GetProperty("funnel")[0].GetString());
    }

    [Fact]
    public async Task FailedPreconditionIs409()
    {
        var clientId = Steps.UniqueClient("conflict");
        using var client = await Gateway.ClientAsAsync("client", clientId);

        using var response = await client.PostAsync(Steps.Valid(clientId, Gateway.Time.GetUtcNow()));

        await response.ReadProblemAsync(409);
    }

    [Fact]
    public async Task AFailingServiceIs500WithAGenericDetailAndATraceId()
    {
        var clientId = Steps.UniqueClient("crash");
        using var client = await Gateway.ClientAsAsync("client", clientId);

        using var response = await client.PostAsync(Steps.Valid(clientId, Gateway.Time.GetUtcNow()));

        var problem = await response.ReadProblemAsync(500);
        Assert.DoesNotContain("secret", problem.ToString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("traceId").GetString()));
    }

    [Fact]
    public async Task AnUnexpectedExceptionInTheGatewayIs500WithAGenericDetailAndATraceId()
    {
        using var client = await Gateway.ClientAsAsync("operator", "ops-1");

        using var response = await client.GetAsync($"/v1/onboarding/clients/{Steps.UniqueClient("garbled")}/progress",
            TestContext.Current.CancellationToken);

        var problem = await response.ReadProblemAsync(500);
        Assert.Equal("An unexpected error occurred. Quote the traceId when reporting it.", problem.GetProperty("detail").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("traceId").GetString()));
    }

    [Fact]
    public async Task ReadingProgressIsRetriedWhileOnboardingIsUnavailable()
    {
        var clientId = Steps.UniqueClient("flaky");
        using var client = await Gateway.ClientAsAsync("client", clientId);

        using var response = await client.GetAsync($"/v1/onboarding/clients/{clientId}/progress", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, Onboarding.Calls("GetProgress", clientId));
    }

    [Fact]
    public async Task RecordingAStepIsNeverRetried()
    {
        var clientId = Steps.UniqueClient("flaky");
        using var client = await Gateway.ClientAsAsync("client", clientId);

        using var response = await client.PostAsync(Steps.Valid(clientId, Gateway.Time.GetUtcNow()));

        await response.ReadProblemAsync(503);
        Assert.Equal(1, Onboarding.Calls("RecordStep", clientId));
    }

    [Fact]
    public async Task AnUnknownRouteIs404ProblemDetails()
    {
        using var client = await Gateway.ClientAsAsync("operator", "ops-1");

        using var response = await client.GetAsync("/v1/nothing-here", TestContext.Current.CancellationToken);

        await response.ReadProblemAsync(404);
    }
}
