extern alias GatewayApp;

using GatewayApp::Platform.Gateway.CoreActivity;
using ProductPurchase = GatewayApp::Platform.Activity.Events.ProductPurchase;

namespace Platform.Gateway.Tests.CoreActivity;

/// <summary>
/// A product purchase may say when the product matures (activity contract's optional maturesAt, carried to Engagement's
/// M10 as ProductPurchase.matures_at); no other type takes it, and it must come after the purchase.
/// </summary>
public sealed class MaturityDateTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void APurchasesMaturityIsCarriedAndAPurchaseWithoutOneStaysValid()
    {
        var dated = Purchase(Now.AddDays(90));
        var undated = Purchase(null);

        Assert.Empty(ActivityValidator.Validate(new ActivityBatchRequest { Events = [dated, undated] }, Now, TimeSpan.FromMinutes(5)));
        Assert.Equal(Now.AddDays(90), ((ProductPurchase)ActivityMessages.ToMessage(dated)).MaturesAt.ToDateTimeOffset());
        Assert.Null(((ProductPurchase)ActivityMessages.ToMessage(undated)).MaturesAt);
    }

    [Fact]
    public void AMaturityOnAnotherTypeOrNotAfterThePurchaseIs400NamingIt()
    {
        var deposit = new ActivityEventRequest
        {
            EventId = Guid.NewGuid().ToString(), ClientId = "c-1", Type = ActivityType.Deposit, OccurredAt = Now, Amount = 10m, MaturesAt = Now.AddDays(1),
        };

        var errors = ActivityValidator.Validate(new ActivityBatchRequest { Events = [deposit, Purchase(Now)] }, Now, TimeSpan.FromMinutes(5));

        Assert.Equal(["events[0].maturesAt", "events[1].maturesAt"], errors.Keys.Order());
        Assert.Equal("Must be after occurredAt.", Assert.Single(errors["events[1].maturesAt"]));
    }

    [Fact]
    public void AMaturityMoreThanAHundredYearsAfterThePurchaseIs400NamingIt()
    {
        // 9999-12-31 overflowed Engagement's schedule (a week before maturity) in the lifecycle batch (review of issue 12).
        var errors = ActivityValidator.Validate(new ActivityBatchRequest
        {
            Events = [Purchase(Now + ActivityValidator.MaxMaturity), Purchase(Now + ActivityValidator.MaxMaturity + TimeSpan.FromSeconds(1)),
                Purchase(DateTimeOffset.MaxValue)],
        }, Now, TimeSpan.FromMinutes(5));

        Assert.Equal(["events[1].maturesAt", "events[2].maturesAt"], errors.Keys.Order());
        Assert.Equal("Must be at most 100 years after occurredAt.", Assert.Single(errors["events[2].maturesAt"]));
    }

    private static ActivityEventRequest Purchase(DateTimeOffset? maturesAt) => new()
    {
        EventId = Guid.NewGuid().ToString(), ClientId = "c-1", Type = ActivityType.ProductPurchase, OccurredAt = Now, Amount = 1_000m,
        ProductId = "wealth-90d", MaturesAt = maturesAt,
    };
}
