using Platform.Content.Grpc;
using Platform.Content.Tests.Feed;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;

namespace Platform.Content.Tests.Selection;

/// <summary>
/// An outreach about a product names it by catalogue item id, never by text, so suitability holds for the product the words
/// name and not only for the item that carries them (review finding 11).
/// </summary>
public sealed class NamedProductTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker) : IAsyncLifetime
{
    private ContentHost host = null!;

    public async ValueTask InitializeAsync()
    {
        host = await ContentHost.StartAsync(postgres, redis, broker, "namedproduct");
        // The words carry no risk of their own (a service item): only the product they name can make them unsuitable.
        await host.Catalog.CreateItemAsync(new ContentItem
        {
            ItemId = "m93-inbox", Kind = "service", Title = "{{productName}} matures soon", Body = "{{productName}} matures on {{date}}.",
            Moments = { "M93" }, Channels = { "inbox" },
        });
        await host.Catalog.CreateItemAsync(new ContentItem { ItemId = "star-fund", Kind = "product", Risk = "R5", Title = "Star fund", Body = "A fund" });
        await host.Catalog.CreateItemAsync(new ContentItem { ItemId = "calm-fund", Kind = "product", Risk = "R2", Title = "Calm fund", Body = "A fund" });
        await host.Catalog.CreateItemAsync(new ContentItem { ItemId = "tier-fund", Kind = "product", Risk = "R1", Title = "{{tier}} fund", Body = "A fund" });
    }

    public ValueTask DisposeAsync() => host.DisposeAsync();

    private static SelectContentRequest Maturity(string clientId, string productItemId) =>
        new() { ClientId = clientId, Moment = "M93", Channel = "inbox", ProductItemId = productItemId, Values = { ["date"] = "2026-12-09" } };

    [Fact]
    public async Task WordsAboutAProductTheClientMayNotHoldAreRefusedAsUnsuitable()
    {
        await Assessments.PublishAndWaitAsync(broker, host, "named-c2", "C2");

        var riskier = await host.Selection.SelectContentAsync(Maturity("named-c2", "star-fund"));
        var prospect = await host.Selection.SelectContentAsync(Maturity("named-prospect", "calm-fund"));
        var suitable = await host.Selection.SelectContentAsync(Maturity("named-c2", "calm-fund"));

        Assert.Equal((false, "unsuitable"), (riskier.Found, riskier.Reason));
        Assert.Equal((false, "unsuitable"), (prospect.Found, prospect.Reason));
        Assert.Equal((true, "Calm fund matures soon", "Calm fund matures on 2026-12-09."), (suitable.Found, suitable.Item.Title, suitable.Item.Body));
    }

    /// <summary>The title is a template too: one the client lacks a value for (a tier) cannot name the product, so nothing is sent.</summary>
    [Fact]
    public async Task AProductTitleTheClientLacksAValueForIsNoContent()
    {
        await Assessments.PublishAndWaitAsync(broker, host, "named-untiered", "C5");

        var reply = await host.Selection.SelectContentAsync(Maturity("named-untiered", "tier-fund"));

        Assert.Equal((false, "no_content"), (reply.Found, reply.Reason));
    }

    [Theory]
    [InlineData("no-such-fund", "is not a catalogue item")]
    [InlineData("m93-inbox", "is not a product (kind product)")]
    [InlineData("Star Fund", "is not an item id")]
    public async Task AProductItemIdThatIsNotACatalogueProductIsRefusedNamingTheField(string productItemId, string message)
    {
        var errors = await FieldErrorsOf.InvalidArgumentAsync(() => host.Selection.SelectContentAsync(Maturity("named-any", productItemId)).ResponseAsync);

        Assert.StartsWith(message, Assert.Single(errors["productItemId"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AProductNameSentAsTextIsRefused()
    {
        var request = Maturity("named-any", "");
        request.Values["productName"] = "Star fund";

        var errors = await FieldErrorsOf.InvalidArgumentAsync(() => host.Selection.SelectContentAsync(request).ResponseAsync);

        Assert.Contains("productItemId", Assert.Single(errors["values.productName"]), StringComparison.Ordinal);
    }
}
