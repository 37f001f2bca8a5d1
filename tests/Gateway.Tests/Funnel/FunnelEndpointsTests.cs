using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Funnel;

public sealed class FunnelEndpointsTests(GatewayFixture fixture)
{
    private GatewayFactory Gateway => fixture.Gateway;

    private FakeOnboardingService Onboarding => fixture.Onboarding.Service;

    [Fact]
    public async Task AClientRecordsItsOwnStepAndGets202InCamelCase()
    {
        var clientId = Steps.UniqueClient();
        using var client = await Gateway.ClientAsAsync("client", clientId);
        var body = Steps.Valid(clientId, Gateway.Time.GetUtcNow());

        using var response = await client.PostAsync(body);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal($"/v1/onboarding/clients/{clientId}/progress", response.Headers.Location?.OriginalString);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var answer = json.RootElement;
        Assert.Equal(clientId, answer.GetProperty("clientId").GetString());
        Assert.Equal("in_progress", answer.GetProperty("status").GetString());
        Assert.Equal("id_uploaded", answer.GetProperty("currentStep").GetString());
        Assert.Equal("id_verified", answer.GetProperty("nextStep").GetString());
        Assert.False(answer.GetProperty("duplicate").GetBoolean());

        var sent = Onboarding.Received[body["eventId"]!.GetValue<string>()];
        Assert.Equal(("client", clientId), ForwardedCaller(body));
        Assert.Equal("short_video", sent.Channel);
        Assert.Equal("standard", sent.Funnel);
        Assert.Equal(1, sent.Attempt);
        Assert.Equal(DateTimeOffset.Parse(body["occurredAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture),
            sent.OccurredAt.ToDateTimeOffset());
    }

    [Fact]
    public async Task ReplayingAnEventIdAnswersTheSameWithDuplicateTrue()
    {
        var clientId = Steps.UniqueClient();
        using var client = await Gateway.ClientAsAsync("client", clientId);
        var body = Steps.Valid(clientId, Gateway.Time.GetUtcNow());

        using var first = await client.PostAsync(body);
        using var replay = await client.PostAsync(body);

        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        using var json = JsonDocument.Parse(await replay.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.True(json.RootElement.GetProperty("duplicate").GetBoolean());
        Assert.Equal("id_uploaded", json.RootElement.GetProperty("currentStep").GetString());
    }

    [Fact]
    public async Task ASystemRecordsARejectionWithItsReasonAndRole()
    {
        var clientId = Steps.UniqueClient();
        using var client = await Gateway.ClientAsAsync("system", "review-desk");
        var body = Steps.Valid(clientId, Gateway.Time.GetUtcNow(), "rejected");
        body.Remove("channel");
        body["reason"] = "blurry_id";
        body["backToStep"] = "id_uploaded";

        using var response = await client.PostAsync(body);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var sent = Onboarding.Received[body["eventId"]!.GetValue<string>()];
        Assert.Equal(("system", "review-desk"), ForwardedCaller(body));
        Assert.Equal("rejected", sent.Step);
        Assert.Equal("blurry_id", sent.Reason);
        Assert.Equal("id_uploaded", sent.BackToStep);
    }

    [Fact]
    public async Task ARiskAssessmentCarriesItsLevel()
    {
        var clientId = Steps.UniqueClient();
        using var client = await Gateway.ClientAsAsync("system", "core-1");
        var body = Steps.Valid(clientId, Gateway.Time.GetUtcNow(), "risk_assessed");
        body["riskLevel"] = "C3";
        body["attempt"] = 2;

        using var response = await client.PostAsync(body);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var sent = Onboarding.Received[body["eventId"]!.GetValue<string>()];
        Assert.Equal("C3", sent.RiskLevel);
        Assert.Equal(2, sent.Attempt);
    }

    [Fact]
    public async Task AClientAppRecordsRiskAssessedWithoutALevel()
    {
        var clientId = Steps.UniqueClient();
        using var client = await Gateway.ClientAsAsync("client", clientId);
        var body = Steps.Valid(clientId, Gateway.Time.GetUtcNow(), "risk_assessed");

        using var response = await client.PostAsync(body);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(string.Empty, Onboarding.Received[body["eventId"]!.GetValue<string>()].RiskLevel);
    }

    [Fact]
    public async Task AClientReadsItsProgressInCamelCase()
    {
        var clientId = Steps.UniqueClient();
        using var client = await Gateway.ClientAsAsync("client", clientId);

        using var response = await client.GetAsync($"/v1/onboarding/clients/{clientId}/progress", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var progress = json.RootElement;
        Assert.Equal(clientId, progress.GetProperty("clientId").GetString());
        Assert.Equal("standard", progress.GetProperty("funnel").GetString());
        Assert.Equal("in_progress", progress.GetProperty("status").GetString());
        Assert.Equal("id_uploaded", progress.GetProperty("currentStep").GetString());
        Assert.Equal("id_verified", progress.GetProperty("nextStep").GetString());
        Assert.Equal(["registered", "phone_verified", "id_uploaded"],
            progress.GetProperty("completedSteps").EnumerateArray().Select(step => step.GetString()));
        Assert.Equal(JsonValueKind.Null, progress.GetProperty("stalledSince").ValueKind);
        Assert.Equal(FakeOnboardingService.LastActivity, progress.GetProperty("lastActivityAt").GetDateTimeOffset());
    }

    /// <summary>The role and subject of the token the gateway forwarded with the step: the service authenticates the caller from it.</summary>
    private (string? Role, string? Subject) ForwardedCaller(JsonObject body)
    {
        var header = Onboarding.ReceivedTokens[body["eventId"]!.GetValue<string>()];
        Assert.StartsWith("Bearer ", header, StringComparison.Ordinal);
        var token = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(header!["Bearer ".Length..]);
        return (token.GetClaim("role").Value, token.Subject);
    }
}
