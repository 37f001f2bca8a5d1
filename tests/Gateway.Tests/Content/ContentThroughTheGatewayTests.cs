extern alias ContentApp;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Gateway.Tests.Infrastructure;
using Platform.Messaging;
using Platform.Messaging.Envelope;
using Platform.Messaging.Outbox;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Processes;
using ContentDbContext = ContentApp::Platform.Content.ContentDbContext;
using ProfileFactsHandler = ContentApp::Platform.Content.Profiles.ProfileFactsHandler;
using StepRecorded = ContentApp::Platform.Onboarding.Events.StepRecorded;

namespace Platform.Gateway.Tests.Content;

/// <summary>
/// End to end through the gateway and the real Content: an operator builds the catalogue and tags clients, Onboarding's
/// risk assessments arrive on onboarding.events, and each client's feed holds the product only when it is suitable.
/// </summary>
public sealed class ContentThroughTheGatewayTests(ContentServicesFixture services) : IClassFixture<ContentServicesFixture>
{
    private const string Product = "e2e-fund-r3";
    private const string Insight = "e2e-market-news";

    [Fact]
    public async Task AClientsFeedThroughTheGatewayHoldsATargetedProductOnlyWhenItIsSuitable()
    {
        var ct = TestContext.Current.CancellationToken;
        using var operators = await services.Gateway.ClientAsAsync("operator", "ops-e2e");
        using var product = await operators.PostAsJsonAsync("/v1/content/items", new
        {
            itemId = Product, kind = "product", risk = "R3", title = "Balanced fund", body = "A fund of medium risk", priority = 80,
            targeting = new { tags = new[] { "interest:etf" } },
        }, ct);
        using var insight = await operators.PostAsJsonAsync("/v1/content/items",
            new { itemId = Insight, kind = "insight", title = "Markets today", body = "What moved and why" }, ct);
        Assert.Equal(HttpStatusCode.Created, product.StatusCode);
        Assert.Equal(HttpStatusCode.Created, insight.StatusCode);
        foreach (var clientId in new[] { "e2e-c4", "e2e-c2" })
        {
            using var tagged = await operators.PutAsJsonAsync($"/v1/clients/{clientId}/tags", new { tags = new[] { "interest:etf" } }, ct);
            Assert.Equal(HttpStatusCode.OK, tagged.StatusCode);
        }

        await AssessAsync("e2e-c4", "C4");
        await AssessAsync("e2e-c2", "C2");
        await AssessAsync("e2e-untagged-c4", "C4");

        Assert.Equal([Product, Insight], await FeedAsync("e2e-c4"));          // suitable and targeted, by priority
        Assert.Equal([Insight], await FeedAsync("e2e-c2"));                   // R3 above a C2's tolerance
        Assert.Equal([Insight], await FeedAsync("e2e-untagged-c4"));          // suitable but not targeted
        Assert.Equal([Insight], await FeedAsync("e2e-never-assessed"));       // no assessment: no product at all
    }

    [Fact]
    public async Task ContentsRulesAnswerThroughTheGatewayNamingTheFieldsAndAStaleEditIs409()
    {
        var ct = TestContext.Current.CancellationToken;
        using var operators = await services.Gateway.ClientAsAsync("operator", "ops-e2e");

        using var refused = await operators.PostAsJsonAsync("/v1/content/items", new
        {
            itemId = "e2e-refused", kind = "product", title = "Fund", body = "Hello {{clientName}}", targeting = new { tiers = new[] { "V9" } },
        }, ct);
        using var created = await operators.PostAsJsonAsync("/v1/content/items", new { itemId = "e2e-edited", kind = "insight", title = "t", body = "b" }, ct);
        using var edited = await operators.PutAsJsonAsync("/v1/content/items/e2e-edited", new { kind = "insight", title = "t2", body = "b", version = 1 }, ct);
        using var stale = await operators.PutAsJsonAsync("/v1/content/items/e2e-edited", new { kind = "insight", title = "t3", body = "b", version = 1 }, ct);
        var history = await operators.GetFromJsonAsync<JsonElement>("/v1/content/items/e2e-edited/versions", ct);

        var errors = (await refused.ReadProblemAsync(400)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("risk", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("body", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("targeting.tiers[0]", out _), errors.ToString());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        await stale.ReadProblemAsync(409);
        Assert.Equal(["t", "t2"], history.EnumerateArray().Select(v => v.GetProperty("title").GetString()));
    }

    /// <summary>Onboarding's StepRecorded of risk_assessed on onboarding.events, and Content's inbox holding it.</summary>
    private async Task AssessAsync(string clientId, string level)
    {
        var envelope = EventEnvelope.Create(clientId, new StepRecorded
        {
            ClientId = clientId, Step = ProfileFactsHandler.RiskAssessedStep, RiskLevel = level,
            OccurredAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddMinutes(-5)),
        }, DateTimeOffset.UtcNow);
        await KafkaMessages.ProduceAsync(services.Kafka, Topics.OnboardingEvents, envelope);
        await ChildProcess.WaitUntilAsync(async () =>
        {
            using var scope = services.Content.Services.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<ContentDbContext>().Set<InboxMessage>().AnyAsync(m => m.EventId == envelope.EventId);
        }, TimeSpan.FromSeconds(60), "Content handling the assessment");
    }

    /// <summary>The client's feed as its app reads it, through the gateway with the client's own token: of the items the feed test created (the catalogue is the class's).</summary>
    private async Task<string[]> FeedAsync(string clientId)
    {
        using var client = await services.Gateway.ClientAsAsync("client", clientId);
        var feed = await client.GetFromJsonAsync<JsonElement>($"/v1/clients/{clientId}/feed", TestContext.Current.CancellationToken);
        return [.. feed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("itemId").GetString()!).Where(id => id is Product or Insight)];
    }
}
