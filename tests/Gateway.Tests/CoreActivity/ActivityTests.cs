using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Activity.Events;
using Platform.Gateway.Tests.Infrastructure;
using Platform.TestSupport.Kafka;
using static Platform.Gateway.Tests.CoreActivity.ActivityBatches;
using Platform.Gateway.Tests.Funnel;

namespace Platform.Gateway.Tests.CoreActivity;

/// <summary>POST /v1/activity against the in-process DevBroker: what is published, and what is not.</summary>
public sealed class ActivityTests(GatewayFixture fixture)
{
    private GatewayFactory Gateway => fixture.Gateway;

    private DevBrokerFixture Kafka => fixture.Kafka;

    private DateTimeOffset Now => Gateway.Time.GetUtcNow();

    [Fact]
    public async Task EveryTypeIsPublishedKeyedByClientWithExactDecimals()
    {
        var clientId = Steps.UniqueClient("act");
        var at = Now.AddMinutes(-1);
        JsonObject[] events =
        [
            Event(clientId, "login", at),
            Event(clientId, "deposit", at, new() { ["amount"] = 999_999_999_999_999.99m }),
            Event(clientId, "withdrawal", at, new() { ["amount"] = 0.01m }),
            Event(clientId, "transfer_out", at, new() { ["amount"] = 300_000m }),
            Event(clientId, "trade", at, new() { ["amount"] = 1234.5m }),
            Event(clientId, "product_purchase", at, new() { ["productId"] = "fund-7", ["amount"] = 50_000.10m }),
            Event(clientId, "product_matured", at, new() { ["productId"] = "fund-7", ["amount"] = 50_321.77m }),
            Event(clientId, "drawdown", at, new() { ["percent"] = 12.345m }),
            Event(clientId, "assets_snapshot", at, new() { ["date"] = "2026-11-24", ["totalAssets"] = 61_234.5m, ["cash"] = 0m }),
        ];
        using var client = await Gateway.ClientAsAsync("system", "core-1");

        using var response = await client.PostActivityAsync(Batch(events));

        await AssertAcceptedAsync(response, accepted: 9, duplicates: 0);
        var published = await Kafka.PublishedForAsync(clientId, 9);
        Assert.Equal(events.Select(item => item.EventId()), published.Select(message => message.Header("event-id")));
        Assert.Equal(
            ["Login", "Deposit", "Withdrawal", "TransferOut", "Trade", "ProductPurchase", "ProductMatured", "Drawdown", "AssetsSnapshot"],
            published.Select(message => message.Header("event-type")));
        var occurredAt = DateTimeOffset.Parse(events[0]["occurredAt"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        Assert.All(published, message => Assert.Equal(occurredAt, DateTimeOffset.Parse(message.Header("occurred-at")!, CultureInfo.InvariantCulture)));

        var login = Login.Parser.ParseFrom(published[0].Value);
        Assert.Equal(clientId, login.ClientId);
        Assert.Equal(occurredAt, login.OccurredAt.ToDateTimeOffset());
        var deposit = Deposit.Parser.ParseFrom(published[1].Value);
        Assert.Equal(clientId, deposit.ClientId);
        Assert.Equal(999_999_999_999_999.99m, deposit.Amount.ToDecimal());   // beyond what a double holds
        Assert.Equal(0.01m, Withdrawal.Parser.ParseFrom(published[2].Value).Amount.ToDecimal());
        Assert.Equal(300_000m, TransferOut.Parser.ParseFrom(published[3].Value).Amount.ToDecimal());
        Assert.Equal(1234.5m, Trade.Parser.ParseFrom(published[4].Value).Amount.ToDecimal());
        var purchase = ProductPurchase.Parser.ParseFrom(published[5].Value);
        Assert.Equal(("fund-7", 50_000.10m), (purchase.ProductId, purchase.Amount.ToDecimal()));
        var matured = ProductMatured.Parser.ParseFrom(published[6].Value);
        Assert.Equal(("fund-7", 50_321.77m), (matured.ProductId, matured.Amount.ToDecimal()));
        Assert.Equal(12.345m, Drawdown.Parser.ParseFrom(published[7].Value).Percent.ToDecimal());
        var snapshot = AssetsSnapshot.Parser.ParseFrom(published[8].Value);
        Assert.Equal("2026-11-24", snapshot.Date);
        Assert.Equal(61_234.5m, snapshot.TotalAssets.ToDecimal());
        Assert.Equal(0m, snapshot.Cash.ToDecimal());
    }

    [Fact]
    public async Task AnEventIdRepeatedWithinABatchIsPublishedOnceAndCountedAsADuplicate()
    {
        var clientId = Steps.UniqueClient("act");
        var first = Event(clientId, "deposit", Now, new() { ["amount"] = 100m });
        var repeat = first.DeepClone().AsObject();
        var second = Event(clientId, "trade", Now, new() { ["amount"] = 99.99m });
        using var client = await Gateway.ClientAsAsync("system", "core-1");

        using var response = await client.PostActivityAsync(Batch(first, second, repeat));
        await AssertAcceptedAsync(response, accepted: 2, duplicates: 1);
        var sentinel = Event(clientId, "login", Now);
        using var afterwards = await client.PostActivityAsync(Batch(sentinel));
        await AssertAcceptedAsync(afterwards, accepted: 1, duplicates: 0);

        // Same key, same partition, in order: a second copy of the first event would come before the sentinel.
        var published = await Kafka.PublishedForAsync(clientId, 3);
        Assert.Equal([first.EventId(), second.EventId(), sentinel.EventId()], published.Select(message => message.Header("event-id")));
    }

    [Fact]
    public async Task OneBadEventRejectsTheBatchNamingItsIndexAndNothingOfItIsPublished()
    {
        var clientId = Steps.UniqueClient("act");
        var batch = Batch(
            Event(clientId, "login", Now),
            Event(clientId, "deposit", Now, new() { ["amount"] = 10m }),
            Event(clientId, "deposit", Now, new() { ["amount"] = -5m }),
            Event(clientId, "trade", Now, new() { ["amount"] = 20m }));
        using var client = await Gateway.ClientAsAsync("system", "core-1");

        using var response = await client.PostActivityAsync(batch);

        var problem = await response.ReadValidationProblemAsync("events[2].amount");
        Assert.Equal(["events[2].amount"], problem.GetProperty("errors").EnumerateObject().Select(error => error.Name));
        Assert.Contains("nothing was published", problem.GetProperty("detail").GetString());

        var sentinel = Event(clientId, "login", Now);
        using var afterwards = await client.PostActivityAsync(Batch(sentinel));
        await AssertAcceptedAsync(afterwards, accepted: 1, duplicates: 0);
        var published = await Kafka.PublishedForAsync(clientId, 1);
        Assert.Equal(sentinel.EventId(), published.Single().Header("event-id"));
    }

    [Fact]
    public async Task ABatchOf1000EventsIsAcceptedAnd1001Is400NamingTheLimit()
    {
        var clientId = Steps.UniqueClient("act");
        using var client = await Gateway.ClientAsAsync("system", "core-1");
        var full = Batch([.. Enumerable.Range(0, 1000).Select(_ => Event(clientId, "login", Now))]);
        var tooMany = Batch([.. Enumerable.Range(0, 1001).Select(_ => Event(clientId, "login", Now))]);

        using var rejected = await client.PostActivityAsync(tooMany);
        using var accepted = await client.PostActivityAsync(full);

        var problem = await rejected.ReadValidationProblemAsync("events");
        Assert.Contains("1000", problem.GetProperty("errors").GetProperty("events")[0].GetString());
        await AssertAcceptedAsync(accepted, accepted: 1000, duplicates: 0);
        var published = await Kafka.PublishedForAsync(clientId, 1000);
        Assert.Equal(full["events"]!.AsArray().Select(item => item!.AsObject().EventId()), published.Select(message => message.Header("event-id")));
    }

    [Theory]
    [InlineData("client")]
    [InlineData("operator")]
    public async Task OnlyRoleSystemMayPostActivity(string role)
    {
        var clientId = Steps.UniqueClient("act");
        using var client = await Gateway.ClientAsAsync(role, clientId);

        using var response = await client.PostActivityAsync(Batch(Event(clientId, "login", Now)));

        await response.ReadProblemAsync(403);
    }

    [Fact]
    public async Task HealthIncludesKafkaReadiness()
    {
        using var client = Gateway.CreateClient();

        using var response = await client.GetAsync("/health", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    internal static async Task AssertAcceptedAsync(HttpResponseMessage response, int accepted, int duplicates)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"Expected 202, got {(int)response.StatusCode}: {text}");
        using var json = JsonDocument.Parse(text);
        Assert.Equal(accepted, json.RootElement.GetProperty("accepted").GetInt32());
        Assert.Equal(duplicates, json.RootElement.GetProperty("duplicates").GetInt32());
    }
}
