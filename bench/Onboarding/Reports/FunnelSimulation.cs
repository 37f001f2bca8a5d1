using Platform.Onboarding.Funnel;
using Platform.Onboarding.Reports;

namespace Platform.Bench.Onboarding.Reports;

/// <summary>
/// Clients walking the funnel, run through the service's own domain code (<see cref="ClientFunnel"/>,
/// <see cref="ReportContribution"/>), so that each recorded step yields exactly the report change
/// FunnelStore would apply for it. Clients register on one of the past <c>days</c> cohort days,
/// come from the 9 channels and 8 campaigns, go on after each step with probability 0.95 (about
/// 9.7 steps per client, so 1,000,000 steps are about 103,000 clients) and take between 5 s and
/// 2 days per step (log-uniform), so the duration histograms fill as real ones would.
/// </summary>
public sealed class FunnelSimulation(FunnelDefinition definition, int days, int seed)
{
    public const double ContinueProbability = 0.95;

    private static readonly string[] Campaigns = ["double11", "spring_open", "new_year", "etf_week", "margin_intro", "ipo_season", "fund_day", "none_yet"];
    private static readonly string[] Devices = ["ios", "android", "harmony", "web"];
    private static readonly double MinLog = Math.Log(5);
    private static readonly double MaxLog = Math.Log(TimeSpan.FromDays(2).TotalSeconds);

    private readonly Random random = new(seed);
    private readonly DateTimeOffset firstDay = ReportCalendar.StartOf(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-days));
    private int clients;

    public int Clients => clients;

    /// <summary>One new client's steps, at most <paramref name="maxSteps"/>: one report change per step, appended to <paramref name="changes"/>.</summary>
    public int NextClient(List<ReportChange> changes, int maxSteps)
    {
        var clientId = $"sim-{clients++}";
        var channel = Channels.All[random.Next(Channels.All.Count)];
        var campaign = Campaigns[random.Next(Campaigns.Length)];
        var device = Devices[random.Next(Devices.Length)];
        var at = firstDay + TimeSpan.FromSeconds(random.NextDouble() * TimeSpan.FromDays(days).TotalSeconds);

        ClientFunnel? funnel = null;
        ReportContribution? before = null;
        FunnelStep? step = definition.Steps[0];
        var made = 0;
        while (step is { } current && made < maxSteps)
        {
            var report = new StepReport(Guid.CreateVersion7(), current, at, channel, campaign, device, Attempt: 1,
                RiskLevel: current == FunnelStep.RiskAssessed ? "C3" : null);
            funnel ??= ClientFunnel.Start(clientId, definition, report);
            funnel.Record(definition, report);
            var after = ReportContribution.Of(funnel, definition);
            changes.Add(new ReportChange(before, after));
            before = after;
            made++;

            step = random.NextDouble() < ContinueProbability ? definition.NextAfter(current, channel) : null;
            at += TimeSpan.FromSeconds(Math.Exp(MinLog + random.NextDouble() * (MaxLog - MinLog)));
        }

        return made;
    }
}
