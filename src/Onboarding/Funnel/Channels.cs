namespace Platform.Onboarding.Funnel;

/// <summary>Acquisition channels of DOMAIN.md: public traffic, then private traffic.</summary>
public static class Channels
{
    public static IReadOnlyList<string> All { get; } =
    [
        "app_store", "short_video", "wechat_article", "search_ad", "partner_bank",
        "advisor_referral", "wecom", "client_referral", "branch",
    ];

    private static readonly HashSet<string> Known = new(All, StringComparer.Ordinal);

    public static bool IsKnown(string channel) => Known.Contains(channel);
}
