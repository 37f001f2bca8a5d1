using Google.Protobuf.WellKnownTypes;
using Platform.Onboarding.Events;
using Platform.Onboarding.Funnel;

namespace Platform.Onboarding.Funding;

internal static class AccountFundedEvent
{
    public static AccountFunded Of(ClientFunnel funnel) => new()
    {
        ClientId = funnel.ClientId,
        ApprovedAt = Timestamp.FromDateTimeOffset(funnel.ApprovedAt!.Value),
        FundedAt = Timestamp.FromDateTimeOffset(funnel.FundedAt!.Value),
        Channel = funnel.Channel,
        Campaign = funnel.Campaign,
    };
}
