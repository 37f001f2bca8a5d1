using Platform.Content.Grpc;
using Platform.Content.Tests.Feed;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;

namespace Platform.Content.Tests.Selection;

/// <summary>
/// A moment's {{amount}} and {{date}} hold an amount and a date, nothing else: free text there would let a caller render a name or
/// a phone number into an SMS (final review of issue 11, S2). Engagement's own values (an amount as "0.##", a yyyy-MM-dd date) pass.
/// </summary>
public sealed class MomentValueTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker) : IAsyncLifetime
{
    private ContentHost host = null!;

    public async ValueTask InitializeAsync()
    {
        host = await ContentHost.StartAsync(postgres, redis, broker, "momentvalues");
        await host.Catalog.CreateItemAsync(new ContentItem
        {
            ItemId = "m94-sms", Kind = "service", Title = "Deposit received", Body = "You deposited {{amount}} CNY on {{date}}.", Moments = { "M94" }, Channels = { "sms" },
        });
    }

    public ValueTask DisposeAsync() => host.DisposeAsync();

    private static SelectContentRequest Deposit(string amount, string date) =>
        new() { ClientId = "moment-values", Moment = "M94", Channel = "sms", Values = { ["amount"] = amount, ["date"] = date } };

    [Theory]
    [InlineData("50000", "50,000.00")]
    [InlineData("50000.00", "50,000.00")]
    [InlineData("1234.5", "1,234.50")]
    [InlineData("0", "0.00")]
    [InlineData("999999999999999.99", "999,999,999,999,999.99")]
    public async Task AnAmountRendersAsCnyWithTwoDecimals(string amount, string rendered)
    {
        var reply = await host.Selection.SelectContentAsync(Deposit(amount, "2026-12-06"));

        Assert.True(reply.Found, reply.Reason);
        Assert.Equal($"You deposited {rendered} CNY on 2026-12-06.", reply.Item.Body);
    }

    [Theory]
    [InlineData("call 13800138000")]
    [InlineData("1e5")]
    [InlineData("50,000.00")]
    [InlineData("-5")]
    [InlineData(" 5")]
    [InlineData("5.001")]
    [InlineData("1000000000000000")]
    [InlineData("NaN")]
    public async Task AnAmountThatIsNotAnAmountIsRefusedWithoutRepeatingIt(string amount)
    {
        var errors = await FieldErrorsOf.InvalidArgumentAsync(() => host.Selection.SelectContentAsync(Deposit(amount, "2026-12-06")).ResponseAsync);

        Assert.DoesNotContain("13800138000", Assert.Single(errors["values.amount"]), StringComparison.Ordinal);
        Assert.DoesNotContain("values.date", errors.Keys);
    }

    [Theory]
    [InlineData("call 13800138000")]
    [InlineData("2026-12-6")]
    [InlineData("06/12/2026")]
    [InlineData("2026-12-06T10:00:00")]
    [InlineData("2026-02-30")]
    public async Task ADateThatIsNotYyyyMmDdIsRefused(string date)
    {
        var errors = await FieldErrorsOf.InvalidArgumentAsync(() => host.Selection.SelectContentAsync(Deposit("50000", date)).ResponseAsync);

        Assert.Single(errors["values.date"]);
        Assert.DoesNotContain("values.amount", errors.Keys);
    }
}
