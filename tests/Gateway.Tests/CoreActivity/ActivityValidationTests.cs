using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Platform.Gateway.Tests.Infrastructure;
using static Platform.Gateway.Tests.CoreActivity.ActivityBatches;
using Platform.Gateway.Tests.Funnel;

namespace Platform.Gateway.Tests.CoreActivity;

/// <summary>Every rule of an activity event is a 400 naming the event's index and the field.</summary>
public sealed class ActivityValidationTests(GatewayFixture fixture) : IAsyncLifetime
{
    private readonly string clientId = Steps.UniqueClient("actval");
    private HttpClient client = null!;

    private DateTimeOffset Now => fixture.Gateway.Time.GetUtcNow();

    public async ValueTask InitializeAsync() => client = await fixture.Gateway.ClientAsAsync("system", "core-1");

    public ValueTask DisposeAsync()
    {
        client.Dispose();
        return ValueTask.CompletedTask;
    }

    [Theory]
    [InlineData("eventId", "\"not-a-uuid\"")]
    [InlineData("eventId", "\"00000000-0000-0000-0000-000000000000\"")]
    [InlineData("eventId", null)]
    [InlineData("clientId", "\"  \"")]
    [InlineData("clientId", "\"c-0123456789012345678901234567890123456789012345678901234567890123\"")]
    [InlineData("clientId", null)]
    [InlineData("type", "\"teleport\"")]
    [InlineData("type", null)]
    [InlineData("occurredAt", "\"2026-11-24T09:00:00\"")]
    [InlineData("occurredAt", null)]
    [InlineData("amount", "0")]
    [InlineData("amount", "-1")]
    [InlineData("amount", "1.001")]
    [InlineData("amount", "\"12.50\"")]
    [InlineData("amount", "1000000000000000")]
    [InlineData("amount", null)]
    [InlineData("productId", "\"fund-1\"")]
    [InlineData("percent", "5")]
    [InlineData("note", "\"not in the contract\"")]
    public async Task ABadDepositIs400NamingTheEventAndField(string field, string? json)
    {
        var deposit = Event(clientId, "deposit", Now, new() { ["amount"] = 12.5m });
        if (json is null)
        {
            deposit.Remove(field);
        }
        else
        {
            deposit[field] = JsonNode.Parse(json);
        }

        using var response = await client.PostActivityAsync(Batch(Event(clientId, "login", Now), deposit));

        await response.ReadValidationProblemAsync($"events[1].{field}");
    }

    [Theory]
    [InlineData("login", "amount", "10")]
    [InlineData("drawdown", "percent", "100.5")]
    [InlineData("drawdown", "percent", "-0.1")]
    [InlineData("drawdown", "percent", null)]
    [InlineData("product_purchase", "productId", "\"\"")]
    [InlineData("product_purchase", "productId", null)]
    [InlineData("product_matured", "amount", null)]
    [InlineData("assets_snapshot", "date", "\"2026/11/24\"")]
    [InlineData("assets_snapshot", "date", "\"2026-02-30\"")]
    [InlineData("assets_snapshot", "date", null)]
    [InlineData("assets_snapshot", "cash", "-0.01")]
    [InlineData("assets_snapshot", "totalAssets", "1.234")]
    [InlineData("assets_snapshot", "totalAssets", null)]
    [InlineData("assets_snapshot", "amount", "5")]
    public async Task FieldsFollowTheType(string type, string field, string? json)
    {
        var item = Event(clientId, type, Now, ValidFields(type));
        if (json is null)
        {
            item.Remove(field);
        }
        else
        {
            item[field] = JsonNode.Parse(json);
        }

        using var response = await client.PostActivityAsync(Batch(item));

        await response.ReadValidationProblemAsync($"events[0].{field}");
    }

    [Fact]
    public async Task AnUnknownTypeListsTheAllowedTypes()
    {
        var item = Event(clientId, "teleport", Now);

        using var response = await client.PostActivityAsync(Batch(item));

        var problem = await response.ReadValidationProblemAsync("events[0].type");
        var message = problem.GetProperty("errors").GetProperty("events[0].type")[0].GetString();
        Assert.Equal("Must be one of: login, deposit, withdrawal, transfer_out, trade, product_purchase, product_matured, drawdown, assets_snapshot.",
            message);
    }

    [Fact]
    public async Task AnOccurredAtMoreThanFiveMinutesAheadIs400()
    {
        using var response = await client.PostActivityAsync(Batch(Event(clientId, "login", Now.AddMinutes(5).AddSeconds(1))));
        using var within = await client.PostActivityAsync(Batch(Event(clientId, "login", Now.AddMinutes(5))));

        await response.ReadValidationProblemAsync("events[0].occurredAt");
        Assert.Equal(HttpStatusCode.Accepted, within.StatusCode);
    }

    [Fact]
    public async Task TheClockSkewIsASetting()
    {
        await using var gateway = GatewayFactory.Create(fixture.Onboarding.Address, fixture.Kafka.BootstrapServers,
            settings => settings["Gateway:Activity:MaxClockSkew"] = "00:00:30");
        using var strict = await gateway.ClientAsAsync("system", "core-1");
        var now = gateway.Time.GetUtcNow();

        using var tooFar = await strict.PostActivityAsync(Batch(Event(clientId, "login", now.AddSeconds(31))));
        using var within = await strict.PostActivityAsync(Batch(Event(clientId, "login", now.AddSeconds(30))));

        var problem = await tooFar.ReadValidationProblemAsync("events[0].occurredAt");
        Assert.Contains("Gateway:Activity:MaxClockSkew", problem.GetProperty("errors").GetProperty("events[0].occurredAt")[0].GetString());
        Assert.Equal(HttpStatusCode.Accepted, within.StatusCode);
    }

    [Theory]
    [InlineData("-00:00:01")]
    [InlineData("1.00:00:01")]
    public async Task AClockSkewOutOfRangeRefusesToStart(string skew)
    {
        await using var gateway = GatewayFactory.Create(fixture.Onboarding.Address, fixture.Kafka.BootstrapServers,
            settings => settings["Gateway:Activity:MaxClockSkew"] = skew);

        var error = Record.Exception(() => gateway.CreateClient());

        Assert.NotNull(error);
        Assert.Contains("Gateway:Activity:MaxClockSkew must be between", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryBadEventOfABatchIsReportedAtOnce()
    {
        var batch = Batch(
            Event(clientId, "deposit", Now),
            Event(clientId, "login", Now),
            Event(clientId, "drawdown", Now, new() { ["percent"] = 101 }));
        batch["events"]![1]!["eventId"] = "nope";

        using var response = await client.PostActivityAsync(batch);

        var problem = await response.ReadValidationProblemAsync("events[0].amount");
        Assert.Equal(["events[0].amount", "events[1].eventId", "events[2].percent"],
            problem.GetProperty("errors").EnumerateObject().Select(error => error.Name).Order());
        Assert.StartsWith("3 of 3 events", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("""{"events":[]}""", "events")]
    [InlineData("""{}""", "events")]
    [InlineData("""{"events":[null]}""", "events[0]")]
    [InlineData("""{"events":{}}""", "events")]
    [InlineData("""not json""", "body")]
    public async Task ABatchWithoutEventsIs400(string json, string field)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(Route, content, TestContext.Current.CancellationToken);

        await response.ReadValidationProblemAsync(field);
    }

    [Fact]
    public async Task ZeroCashAndZeroPercentAreValid()
    {
        using var response = await client.PostActivityAsync(Batch(
            Event(clientId, "assets_snapshot", Now, new() { ["date"] = "2026-11-24", ["totalAssets"] = 0m, ["cash"] = 0m }),
            Event(clientId, "drawdown", Now, new() { ["percent"] = 0m })));

        await ActivityTests.AssertAcceptedAsync(response, accepted: 2, duplicates: 0);
    }

    private static JsonObject ValidFields(string type) => type switch
    {
        "login" => [],
        "drawdown" => new() { ["percent"] = 10.5m },
        "product_purchase" or "product_matured" => new() { ["productId"] = "fund-1", ["amount"] = 100m },
        "assets_snapshot" => new() { ["date"] = "2026-11-24", ["totalAssets"] = 1000m, ["cash"] = 10m },
        _ => new() { ["amount"] = 100m },
    };
}
