using Google.Protobuf.WellKnownTypes;
using Platform.Onboarding.Funnel;
using Platform.Onboarding.Grpc;
using Platform.Onboarding.Reports;
using Platform.TestSupport.Auth;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Processes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.TestSupport.Redis;
using Platform.TestSupport.Services;

namespace Platform.Onboarding.Tests.Reports;

/// <summary>
/// One Onboarding host (a database of its own) and a population of prospects with known drop-off
/// points, two channels and two cohort days, recorded through RecordStep with replays, repeated
/// steps, reversed order, a late registration across midnight and a rejection with rework.
/// <see cref="Prospects"/> keeps when each one first reached each step: the expected report.
/// </summary>
public sealed class ReportPopulation(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker) : IAsyncLifetime
{
    public const string ShortVideo = "short_video";
    public const string AdvisorReferral = "advisor_referral";

    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    private static readonly Cohort[] Cohorts =
    [
        new(ShortVideo, 1, FunnelStep.Registered, 10, Twist.None),
        new(ShortVideo, 1, FunnelStep.IdUploaded, 7, Twist.StepsAgainWithNewEventIds),
        new(ShortVideo, 1, FunnelStep.Approved, 5, Twist.ReplayedEventIds),
        new(ShortVideo, 2, FunnelStep.Registered, 4, Twist.None),
        new(ShortVideo, 2, FunnelStep.RiskAssessed, 3, Twist.ReplayedEventIds),
        new(ShortVideo, 2, FunnelStep.Approved, 2, Twist.None),
        new(AdvisorReferral, 1, FunnelStep.PhoneVerified, 3, Twist.Reversed),
        new(AdvisorReferral, 1, FunnelStep.Approved, 4, Twist.ReversedAcrossMidnight),
        new(AdvisorReferral, 2, FunnelStep.Submitted, 1, Twist.None),
        new(AdvisorReferral, 2, FunnelStep.Approved, 3, Twist.RejectedAndReworked),
    ];

    private ServiceFactory<OnboardingDbContext>? service;

    private enum Twist
    {
        None,
        ReplayedEventIds,
        StepsAgainWithNewEventIds,
        Reversed,
        ReversedAcrossMidnight,
        RejectedAndReworked,
    }

    public ServiceFactory<OnboardingDbContext> Service => service ?? throw new InvalidOperationException("Not started.");

    public OnboardingService.OnboardingServiceClient Onboarding { get; private set; } = null!;

    public FunnelReportService.FunnelReportServiceClient Reports { get; private set; } = null!;

    /// <summary>Campaign of this population only.</summary>
    public string Campaign { get; } = "report-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Ten days ago in Shanghai, so that no step lies in the future.</summary>
    public DateOnly Day1 { get; } = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(Shanghai).Date).AddDays(-10);

    public DateOnly Day2 => Day1.AddDays(1);

    /// <summary>Days before the population, free for tests of their own.</summary>
    public DateOnly FreeDay(int n) => Day1.AddDays(-2 - n);

    public IReadOnlyList<Prospect> Prospects { get; private set; } = [];

    public int EventsSent { get; private set; }

    public static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), Shanghai);

    public static RecordStepRequest Request(string clientId, FunnelStep step, DateTimeOffset at, string channel, string campaign) => new()
    {
        EventId = Guid.CreateVersion7().ToString(),
        ClientId = clientId,
        Funnel = "standard",
        Step = step.ToWireName(),
        OccurredAt = Timestamp.FromDateTimeOffset(at),
        Channel = channel,
        Campaign = campaign,
        Device = "android",
        Attempt = 1,
        RiskLevel = step == FunnelStep.RiskAssessed ? "C3" : string.Empty,
    };

    public async ValueTask InitializeAsync()
    {
        service = await OnboardingHost.StartAsync(postgres, redis, broker);
        Onboarding = new OnboardingService.OnboardingServiceClient(Service.CreateGrpcChannel());
        Reports = new FunnelReportService.FunnelReportServiceClient(Service.CreateGrpcChannel(TestTokens.Operator()));

        var plans = Cohorts.Select((cohort, g) => Enumerable.Range(0, cohort.Count).Select(j => Plan(cohort, g, j))).SelectMany(p => p).ToList();
        Prospects = plans.Select(p => p.Prospect).ToList();
        EventsSent = plans.Sum(p => p.Events.Count);

        // Prospects in parallel, as traffic arrives; each one's events in the planned order.
        await Parallel.ForEachAsync(plans, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (plan, cancellationToken) =>
        {
            foreach (var request in plan.Events)
            {
                await Onboarding.RecordStepAsync(request, cancellationToken: cancellationToken);
            }
        });
        await WaitForProjectionAsync();
    }

    /// <summary>Until the report projector has applied every increment committed so far (the report lags steps by design).</summary>
    public async Task WaitForProjectionAsync()
    {
        await ChildProcess.WaitUntilAsync(async () =>
        {
            using var scope = Service.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<OnboardingDbContext>();
            return !await db.Set<PendingReportIncrement>().AnyAsync();
        }, TimeSpan.FromSeconds(60), "the report projector applying every pending increment");
    }

    public async ValueTask DisposeAsync()
    {
        if (service is not null)
        {
            await service.DisposeAsync();
        }
    }

    private (Prospect Prospect, List<RecordStepRequest> Events) Plan(Cohort cohort, int g, int j)
    {
        var clientId = $"rp-{g}-{j}-{Guid.NewGuid().ToString("N")[..8]}";
        var day = cohort.Day == 1 ? Day1 : Day2;
        var path = FunnelDefinition.Standard.Steps
            .Where(s => !FunnelDefinition.Standard.IsOptional(s, cohort.Channel))
            .TakeWhile(s => s <= cohort.StopAt).ToList();

        var acrossMidnight = cohort.Twist == Twist.ReversedAcrossMidnight;
        var at = StartOf(day).AddHours(acrossMidnight ? 20 : 9).AddMinutes(20 * g + j);
        var reached = new Dictionary<FunnelStep, DateTimeOffset>();
        foreach (var (step, k) in path.Select((s, k) => (s, k)))
        {
            if (k > 0)
            {
                at = at.AddSeconds((acrossMidnight ? 1_800 : 60 + 30 * g) + 7 * j + 3 * k);
            }

            reached[step] = at;
        }

        var events = path.Select(s => Request(clientId, s, reached[s], cohort.Channel, Campaign)).ToList();
        switch (cohort.Twist)
        {
            case Twist.ReplayedEventIds:
                events.AddRange(events.AsEnumerable().Reverse().ToList());
                break;
            case Twist.StepsAgainWithNewEventIds:
                events.AddRange(path.Select(s => Request(clientId, s, reached[s].AddHours(1), cohort.Channel, Campaign)));
                break;
            case Twist.Reversed or Twist.ReversedAcrossMidnight:
                events.Reverse();
                break;
            case Twist.RejectedAndReworked:
                // Rejected after submission, back to id_uploaded; the client redoes the steps, then is approved.
                var submitted = reached[FunnelStep.Submitted];
                events.RemoveAt(events.Count - 1);
                var rejected = Request(clientId, FunnelStep.Rejected, submitted.AddMinutes(10), cohort.Channel, Campaign);
                rejected.BackToStep = "id_uploaded";
                rejected.Reason = "blurry_id";
                events.Add(rejected);
                var rework = path.SkipWhile(s => s != FunnelStep.IdUploaded).TakeWhile(s => s != FunnelStep.Approved);
                events.AddRange(rework.Select((s, k) => Request(clientId, s, submitted.AddMinutes(20 + k), cohort.Channel, Campaign)));
                reached[FunnelStep.Approved] = submitted.AddHours(2);
                events.Add(Request(clientId, FunnelStep.Approved, reached[FunnelStep.Approved], cohort.Channel, Campaign));
                break;
        }

        return (new Prospect(clientId, cohort.Channel, ReportCalendar.CohortOf(reached[FunnelStep.Registered]), reached), events);
    }

    private sealed record Cohort(string Channel, int Day, FunnelStep StopAt, int Count, Twist Twist);
}

/// <summary>One prospect of the population and when it first reached each step.</summary>
public sealed record Prospect(string ClientId, string Channel, DateOnly Cohort, IReadOnlyDictionary<FunnelStep, DateTimeOffset> Reached);
