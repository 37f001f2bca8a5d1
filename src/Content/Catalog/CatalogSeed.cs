namespace Platform.Content.Catalog;

/// <summary>
/// What a new deployment says until operators change it: the words of DOMAIN.md's 17 key moments on
/// every channel each may use (its default channel, the in-app inbox every sent outreach is kept in,
/// and an advisor task where a V5+ client gets one instead of an SMS), plus a few items of each kind
/// for the feed. Each moment's items carry the label <c>moment-mNN</c> and the topic a rule may ask for.
/// Checked like an operator's items (a test parses each one and fits it to its channel).
/// </summary>
public static class CatalogSeed
{
    public static readonly DateTimeOffset SeededAt = new(2026, 12, 6, 0, 0, 0, TimeSpan.Zero);

    private sealed record Words(string Channel, string Title, string Body);

    private sealed record Moment(string Key, string Kind, string Topic, Words[] Words);

    private static readonly Moment[] Moments =
    [
        new("M01", "feature", "open-account", [
            new("push", "Your account is 5 minutes away", "Pick up where you left off: open your account in the app now."),
            new("inbox", "Open your account in 5 minutes", "You registered but have not started your application yet. It takes about 5 minutes: have your ID and bank card ready."),
        ]),
        new("M02", "feature", "continue-application", [
            new("push", "Almost there", "Your application is waiting for you. Continue where you stopped."),
            new("sms", "Your account application is waiting: continue in the app.", "Your account application is waiting: continue in the app."),
            new("advisor_task", "Help a prospect finish the application", "The prospect stopped during the account application. Offer to help with the step where it stopped."),
            new("inbox", "Continue your application", "Your account application is saved. Open the app to continue from the step where you stopped."),
        ]),
        new("M03", "service", "resubmit-application", [
            new("sms", "We need one more thing for your application. Open the app.", "We need one more thing for your application. Open the app."),
            new("advisor_task", "Help a client resubmit its application", "The application was sent back. Call the client and help it fix what was asked for."),
            new("inbox", "Your application needs a change", "We could not approve your application as it is. Open the app to see what to fix and resubmit."),
        ]),
        new("M04", "feature", "funding-guide", [
            new("push", "Welcome! Your account is open", "Fund your account to start investing: it takes a minute in the app."),
            new("inbox", "Welcome to your new account", "Your account is open. Here is how to make your first deposit and start investing."),
        ]),
        new("M05", "feature", "funding-guide", [
            new("sms", "Your account is ready. Make your first deposit in the app.", "Your account is ready. Make your first deposit in the app."),
            new("advisor_task", "Help a new client fund its account", "The client opened its account 3 days ago and has not deposited yet. Offer help with the first deposit."),
            new("inbox", "Make your first deposit", "Your account has been open for a few days. A first deposit lets you start investing."),
        ]),
        new("M06", "feature", "funding-guide", [
            new("inbox", "Your first deposit has arrived", "Thank you. Here is how to place your first trade or buy your first product."),
        ]),
        new("M07", "insight", "first-trade", [
            new("push", "Ready for your first investment?", "Your deposit is waiting. See today's market insights and pick your first investment."),
            new("inbox", "Your first investment", "Your account is funded. Our market insights and product pages help you choose a first investment."),
        ]),
        // The FirstInvestmentWords migration rewords this body as its version 2 ({{stage}} is the stage's code: "You are now S4.").
        new("M08", "insight", "next-steps", [
            new("inbox", "Congratulations on your first investment", "You are now {{stage}}. Follow our insights to keep track of your investments."),
        ]),
        new("M09", "service", "idle-cash", [
            new("push", "Your cash could be working", "You have cash that has been idle for 5 days. See products that match your risk level."),
            new("inbox", "Idle cash", "Part of your account has been idle for 5 days. Products matching your risk level {{riskTolerance}} are in the app."),
        ]),
        new("M10", "service", "maturity", [
            new("sms", "{{productName}} matures on {{date}}. See options in the app.", "{{productName}} matures on {{date}}. See options in the app."),
            new("advisor_task", "A client's product matures soon", "{{productName}} of the client matures on {{date}}. Offer a conversation about what comes next."),
            new("inbox", "{{productName}} matures soon", "{{productName}} matures on {{date}}. See your options in the app before that day."),
        ]),
        new("M11", "benefit", "tier-upgrade", [
            new("inbox", "Welcome to {{tier}}", "Your tier is now {{tier}}. New benefits are waiting for you in the app."),
        ]),
        new("M12", "benefit", "tier-approach", [
            new("push", "{{nextTier}} is within reach", "You are {{amountToNextTier}} CNY from {{nextTier}} and its benefits."),
            new("inbox", "{{nextTier}} is within reach", "You are {{amountToNextTier}} CNY away from {{nextTier}}. See the benefits that come with it."),
        ]),
        new("M13", "benefit", "downgrade-warning", [
            new("sms", "Keep your {{tier}} benefits: see how in the app.", "Keep your {{tier}} benefits: see how in the app."),
            new("advisor_task", "A client may lose its tier", "The client's {{tier}} is under review. Talk about how to keep it."),
            new("inbox", "Keep your {{tier}} benefits", "Your average assets are below what {{tier}} needs. See in the app how to keep your benefits."),
        ]),
        new("M14", "insight", "drawdown", [
            new("push", "Markets moved today", "One of your positions fell sharply today. Read our view of the market before you decide."),
            new("inbox", "A sharp move in your portfolio", "One of your positions fell 10% or more today. Our analysts' view of the market is in the app."),
        ]),
        new("M15", "campaign", "anniversary", [
            new("inbox", "Happy anniversary", "Thank you for investing with us for another year. A small thank-you is waiting in the app."),
        ]),
        new("M16", "service", "win-back", [
            new("sms", "We miss you. See what is new in the app.", "We miss you. See what is new in the app."),
            new("advisor_task", "Reach out to a quiet client", "The client has not logged in for 30 days or its assets fell by half. Check in with it."),
            new("inbox", "What is new for you", "It has been a while. Here is what changed in the markets and in the app since your last visit."),
        ]),
        new("M17", "service", "retention", [
            new("advisor_task", "A client moved assets out", "The client transferred 30% or more of its assets to another broker. Call it within the day."),
        ]),
    ];

    private static readonly ItemDraft[] FeedItems =
    [
        Feed("money-market-fund", "product", "Money market fund", "Daily liquidity, low risk.", "R1", 60, ["cash-management"]),
        Feed("bond-fund", "product", "Bond fund", "Steady income from government and corporate bonds.", "R2", 55, ["bonds"]),
        Feed("balanced-fund", "product", "Balanced fund", "Stocks and bonds in one fund.", "R3", 50, ["funds"]),
        Feed("csi300-etf", "product", "CSI 300 ETF", "China's 300 largest listed companies in one trade.", "R4", 45, ["etf"]),
        Feed("growth-stock-fund", "product", "Growth stock fund", "Concentrated in fast-growing companies.", "R5", 40, ["funds"]),
        Feed("morning-brief", "insight", "Morning brief", "What moved overnight and what to watch today.", null, 70, ["market-news"]),
        Feed("weekly-outlook", "insight", "Weekly outlook", "Our analysts' view of the week ahead.", null, 65, ["research"]),
        Feed("price-alerts", "feature", "Price alerts", "Get notified when a stock reaches your price.", null, 35, ["how-to"]),
        Feed("auto-invest", "feature", "Automatic investing", "Invest a fixed amount every month.", null, 30, ["how-to"]),
        // trading-signals and new-client-offer lead to trading stocks: the RiskOnAnyKind migration gives them R4 as their
        // version 2 (SeedCatalog's schema allowed a risk on products only, so they are seeded without one here).
        Feed("trading-signals", "service", "Trading signals", "Buy and sell signals for the stocks you follow.", null, 25, ["signals"]),
        Feed("portfolio-review", "service", "Portfolio review", "A free review of your portfolio by an advisor.", null, 20, ["advice"]),
        Feed("new-client-offer", "campaign", "New client offer", "Commission-free trades for your first month.", null, 80, ["offer"]),
        Feed("refer-a-friend", "campaign", "Refer a friend", "Invite a friend and both of you get a reward.", null, 15, ["referral"]),
        Feed("tier-benefits", "benefit", "Your {{tier}} benefits", "See what your tier gives you.", null, 10, ["benefits"]),
        Feed("next-tier", "benefit", "{{nextTier}} is {{amountToNextTier}} CNY away", "See what the next tier adds.", null, 12, ["benefits"]),
    ];

    /// <summary>Every seeded item as an operator would have sent it.</summary>
    public static IEnumerable<ItemDraft> Drafts() =>
        Moments.SelectMany(m => m.Words.Select(w => new ItemDraft(
            $"{m.Key.ToLowerInvariant()}-{w.Channel.Replace('_', '-')}", m.Kind, w.Title, w.Body, null, [], [], [], null, null, null, 50,
            [m.Key], [w.Channel], [$"moment-{m.Key.ToLowerInvariant()}", m.Topic])))
        .Concat(FeedItems);

    public static IReadOnlyList<CatalogItem> Items() =>
        [.. Drafts().Select(d => CatalogItem.Create(ItemSpec.Parse(d).Spec ?? throw new InvalidOperationException($"seed item {d.ItemId} does not parse"), SeededAt))];

    private static ItemDraft Feed(string id, string kind, string title, string body, string? risk, int priority, string[] labels) =>
        new(id, kind, title, body, risk, [], [], [], null, null, null, priority, [], [], labels);
}
