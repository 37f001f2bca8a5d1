using Platform.Content.Grpc;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;
using static Platform.Content.Tests.Experiments.ExperimentScenario;

namespace Platform.Content.Tests.Experiments;

/// <summary>The arms of a running experiment reach the same clients: definitions and item edits that would make them differ are refused.</summary>
public sealed class ArmEligibilityTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker) : IAsyncLifetime
{
    private ExperimentScenario scenario = null!;

    public async ValueTask InitializeAsync() => scenario = await StartAsync(postgres, redis, broker, "experiments-arms");

    public ValueTask DisposeAsync() => scenario.DisposeAsync();

    public static TheoryData<string> Differences() => ["risk", "priority", "targeting.tiers", "validTo", "channels", "body"];

    private static ContentItem Differing(string itemId, string field)
    {
        var item = new ContentItem { ItemId = itemId, Kind = "product", Risk = "R2", Title = itemId, Body = "A fund", Priority = 50, Targeting = new Grpc.Targeting() };
        switch (field)
        {
            case "risk": item.Risk = "R4"; break;
            case "priority": item.Priority = 10; break;
            case "targeting.tiers": item.Targeting.Tiers.Add("V3"); break;
            case "validTo": item.ValidTo = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(30)); break;
            case "channels": item.Channels.Add("sms"); break;
            case "body": item.Body = "A fund for {{tier}} clients"; break;
        }

        return item;
    }

    [Theory]
    [MemberData(nameof(Differences))]
    public async Task ArmsThatReachDifferentClientsAreRefusedNamingTheArm(string field)
    {
        var key = "fund-" + field.Replace('.', '-').ToLowerInvariant();
        await scenario.Host.Catalog.CreateItemAsync(Differing($"{key}-a", "none"));
        await scenario.Host.Catalog.CreateItemAsync(Differing($"{key}-b", field));
        var experiment = Welcome(key: key, control: $"{key}-a", b: $"{key}-b");

        var errors = await FieldErrorsOf.InvalidArgumentAsync(() => scenario.Host.Experiments.CreateExperimentAsync(experiment).ResponseAsync);

        Assert.Contains(field is "body" ? "placeholders of its body" : field, Assert.Single(errors["variants[1].itemId"]), StringComparison.Ordinal);
        // Stopped, the arms are not compared (only the control is served); starting it is refused the same way.
        experiment.Status = "stopped";
        await scenario.Host.Experiments.CreateExperimentAsync(experiment);
        experiment.Status = "running";
        Assert.Contains("variants[1].itemId", (await FieldErrorsOf.InvalidArgumentAsync(() => scenario.UpdateAsync(experiment))).Keys);
    }

    /// <summary>Title and body are compared each on its own, and the refusal names the one whose placeholders differ.</summary>
    [Fact]
    public async Task APlaceholderMovedFromTheBodyToTheTitleIsRefusedNamingTheTitle()
    {
        await scenario.Host.Catalog.CreateItemAsync(new ContentItem { ItemId = "moved-a", Kind = "feature", Title = "Welcome", Body = "Your tier: {{tier}}", Priority = 50 });
        await scenario.Host.Catalog.CreateItemAsync(new ContentItem { ItemId = "moved-b", Kind = "feature", Title = "Welcome, {{tier}}", Body = "Your tier", Priority = 50 });

        var errors = await FieldErrorsOf.InvalidArgumentAsync(() =>
            scenario.Host.Experiments.CreateExperimentAsync(Welcome(key: "moved", control: "moved-a", b: "moved-b")).ResponseAsync);

        Assert.Contains("the placeholders of its title", Assert.Single(errors["variants[1].itemId"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnItemEditThatWouldMakeARunningExperimentsArmsDifferIsRefusedNamingTheField()
    {
        await scenario.Host.Experiments.CreateExperimentAsync(Welcome());
        var riskier = Item("welcome-b");
        riskier.Priority = 90;

        var errors = await FieldErrorsOf.InvalidArgumentAsync(() => scenario.Host.Catalog.UpdateItemAsync(new UpdateItemRequest { Item = riskier }).ResponseAsync);

        Assert.Contains("'welcome-copy'", Assert.Single(errors["priority"]), StringComparison.Ordinal);
        var reworded = Item("welcome-b");
        reworded.Title = "Welcome aboard";
        Assert.Equal(2, (await scenario.Host.Catalog.UpdateItemAsync(new UpdateItemRequest { Item = reworded })).Version);
        var elsewhere = Item("tips-a");
        elsewhere.Priority = 90;
        Assert.Equal(90, (await scenario.Host.Catalog.UpdateItemAsync(new UpdateItemRequest { Item = elsewhere })).Priority);
    }
}
