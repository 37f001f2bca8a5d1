extern alias OnboardingApp;

using System.Text.Json.Nodes;
using Platform.Gateway.Tests.Infrastructure;
using Platform.ServiceDefaults.Validation;
using StepFields = OnboardingApp::Platform.Onboarding.Funnel.StepFields;

namespace Platform.Gateway.Tests.Funnel;

/// <summary>
/// The step rules Onboarding owns and the gateway leaves to it (item 16: the gateway checks shape, the service its
/// rules), answered by the real Onboarding through the real gateway: its field errors reach the caller as a 400
/// naming the field, a risk level from a client app as a 403. <see cref="ValidationTests"/> shows, against the fake,
/// that the gateway forwards such steps rather than judging them itself.
/// </summary>
[Collection(RealServicesCollection.Name)]
public sealed class StepRulesOfTheServiceTests(RealServicesFixture services)
{
    private readonly string clientId = Steps.UniqueClient();

    private DateTimeOffset Now => services.Gateway.Time.GetUtcNow();

    [Fact]
    public async Task HowFarAheadOccurredAtMayBeIsTheServicesRule()
    {
        using var client = await services.Gateway.ClientAsAsync("system", "core-1");

        using var response = await client.PostAsync(Steps.Valid(clientId, Now.AddHours(1)));

        var problem = await response.ReadValidationProblemAsync("occurredAt");
        Assert.Contains("Onboarding:Funnel:MaxClockSkew", problem.GetProperty("errors").GetProperty("occurredAt")[0].GetString());
    }

    [Fact]
    public async Task TheClientIdsLengthIsTheServicesRule()
    {
        using var client = await services.Gateway.ClientAsAsync("system", "core-1");

        using var response = await client.PostAsync(Steps.Valid(new string('c', ClientIds.MaxLength + 1), Now));

        var problem = await response.ReadValidationProblemAsync("clientId");
        Assert.Contains($"at most {ClientIds.MaxLength} characters", problem.GetProperty("errors").GetProperty("clientId")[0].GetString());
    }

    [Theory]
    [InlineData("id_uploaded", "riskLevel", "\"C3\"", "riskLevel")]
    [InlineData("risk_assessed", "campaign", "\"double11\"", "riskLevel")]
    [InlineData("id_uploaded", "channel", "null", "channel")]
    [InlineData("id_uploaded", "campaign", "\"\\t\"", "campaign")]
    [InlineData("id_uploaded", "device", "\"ios\\u0001\"", "device")]
    [InlineData("id_uploaded", "reason", "\"\\u0085\"", "reason")]
    [InlineData("id_uploaded", "funnel", "\"   \"", "funnel")]
    public async Task RulesOfTheFunnelAreTheServicesAnsweredAs400(string step, string field, string value, string expectedField)
    {
        using var client = await services.Gateway.ClientAsAsync("system", "core-1");
        using var response = await client.PostAsync(Steps.Valid(clientId, Now, step).With(field, value));

        await response.ReadValidationProblemAsync(expectedField);
    }

    [Fact]
    public async Task ACampaignOfSpacesLongerThanItsColumnIs400()
    {
        using var client = await services.Gateway.ClientAsAsync("system", "core-1");
        var body = Steps.Valid(clientId, Now);
        body["campaign"] = new string(' ', StepFields.MaxCampaign + 1);

        using var response = await client.PostAsync(body);

        await response.ReadValidationProblemAsync("campaign");
    }

    [Fact]
    public async Task ARiskLevelFromAClientAppIsTheServices403()
    {
        using var client = await services.Gateway.ClientAsAsync("client", clientId);
        var body = Steps.Valid(clientId, Now, "risk_assessed");
        body["riskLevel"] = "C5";

        using var response = await client.PostAsync(body);

        var problem = await response.ReadProblemAsync(403);
        Assert.Contains("core systems only", problem.GetProperty("detail").GetString());
    }
}
