using System.Globalization;
using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Onboarding.Funnel;
using Platform.Onboarding.Grpc;
using Platform.Onboarding.Reports;
using Platform.ServiceDefaults;
using Platform.TestSupport.Processes;

namespace Platform.Onboarding.Tests.Reports;

/// <summary>
/// The report of a known population (<see cref="ReportPopulation"/>), compared with the exact
/// figures computed from when each prospect first reached each step. Tests that record steps of
/// their own use days outside the population's.
/// </summary>
public sealed class FunnelReportGrpcServiceTests(ReportPopulation population) : IClassFixture<ReportPopulation>
{
    private static readonly IReadOnlyList<FunnelStep> Steps = FunnelDefinition.Standard.Steps;

    [Fact]
    public async Task WithoutGroupingEveryProspectCountsOnceAtEachStepItReachedWhateverItsEventsWere()
    {
        var reply = await ReportAsync("");

        var all = Assert.Single(reply.Groups);
        Assert.Equal("all", all.Key);
        Assert.Equal(Steps.Select(s => s.ToWireName()), all.Steps.Select(s => s.Step));
        Assert.Equal([42L, 28, 25, 18, 18, 18, 18, 15, 15, 15, 7, 15, 14], all.Steps.Select(s => s.Entered));
        Assert.Equal([28L, 25, 18, 18, 18, 18, 15, 15, 15, 15, 7, 14, 0], all.Steps.Select(s => s.Completed));
        Assert.Equal([14L, 3, 7, 0, 0, 0, 3, 0, 0, 0, 0, 1, 14], all.Steps.Select(s => s.Dropped));
        Assert.Equal(28.0 / 42, all.Steps[1].ConversionFromPrevious);
        Assert.Equal(14.0 / 42, all.OverallConversion);
        AssertMatches(g => "all", reply);
    }

    [Fact]
    public async Task ByChannelEachChannelHasItsOwnDropOffs()
    {
        var reply = await ReportAsync("channel");

        Assert.Equal([ReportPopulation.AdvisorReferral, ReportPopulation.ShortVideo], reply.Groups.Select(g => g.Key));
        var advisor = reply.Groups[0];
        Assert.Equal([11L, 11, 8, 8, 8, 8, 8, 8, 8, 8, 0, 8, 7], advisor.Steps.Select(s => s.Entered));
        Assert.Equal(8, advisor.Steps.Single(s => s.Step == "agreements_signed").Completed);
        AssertMatches(p => p.Channel, reply);
    }

    [Fact]
    public async Task ByCohortEachProspectCountsOnItsRegistrationDayInShanghaiEvenWhenItRegisteredLast()
    {
        var reply = await ReportAsync("cohort");

        Assert.Equal([Key(population.Day1), Key(population.Day2)], reply.Groups.Select(g => g.Key));
        Assert.Equal(29, reply.Groups[0].Steps[0].Entered);
        AssertMatches(p => Key(p.Cohort), reply);
    }

    [Fact]
    public async Task ByCampaignAndByVariantTheOnlyGroupIsTheWholePopulation()
    {
        var byCampaign = await ReportAsync("campaign");
        var byVariant = await ReportAsync("variant");

        Assert.Equal([population.Campaign], byCampaign.Groups.Select(g => g.Key));
        Assert.Equal(["none"], byVariant.Groups.Select(g => g.Key));
        AssertMatches(_ => population.Campaign, byCampaign);
        AssertMatches(_ => "none", byVariant);
    }

    [Theory]
    [InlineData("")]
    [InlineData("channel")]
    [InlineData("cohort")]
    public async Task MediansBetweenStepsAreWithinTheBucketErrorOfTheExactMedians(string by)
    {
        var reply = await ReportAsync(by);

        Func<Prospect, string> key = by switch { "channel" => p => p.Channel, "cohort" => p => Key(p.Cohort), _ => _ => "all" };
        foreach (var group in reply.Groups)
        {
            var prospects = population.Prospects.Where(p => key(p) == group.Key).ToList();
            for (var i = 0; i < Steps.Count; i++)
            {
                var exact = ExactMedian(prospects, i);
                var actual = group.Steps[i];
                Assert.Equal((group.Key, actual.Step, exact is not null), (group.Key, actual.Step, actual.HasMedian));
                if (exact is { } median)
                {
                    AssertWithinBucketError(median, actual.MedianSecondsFromPrevious);
                }
            }
        }
    }

    [Fact]
    public async Task TheRangeIsWidenedToWholeRegistrationDaysInShanghai()
    {
        var reply = await population.Reports.GetFunnelReportAsync(new FunnelReportRequest
        {
            Funnel = "standard",
            By = "",
            From = Timestamp.FromDateTimeOffset(ReportPopulation.StartOf(population.Day1).AddHours(12)),
            To = Timestamp.FromDateTimeOffset(ReportPopulation.StartOf(population.Day2)),
        });

        Assert.Equal(Timestamp.FromDateTimeOffset(ReportPopulation.StartOf(population.Day1)), reply.From);
        Assert.Equal(Timestamp.FromDateTimeOffset(ReportPopulation.StartOf(population.Day2)), reply.To);
        AssertMatches(p => "all", reply, population.Prospects.Where(p => p.Cohort == population.Day1).ToList());
    }

    [Fact]
    public async Task ARecordedStepReachesTheReportWithoutAnyoneAskingForIt()
    {
        var day = population.FreeDay(0);
        var clientId = "rp-" + Guid.NewGuid().ToString("N")[..12];
        var registered = ReportPopulation.StartOf(day).AddHours(10);

        await Record(clientId, FunnelStep.Registered, registered);
        var first = await ReportWhenAsync("", day, day, r => r.Groups.Count == 1 && r.Groups[0].Steps[0].Entered == 1);
        await Record(clientId, FunnelStep.PhoneVerified, registered.AddMinutes(5));
        var second = await ReportWhenAsync("", day, day, r => r.Groups[0].Steps[1].Entered == 1);

        Assert.Equal((1L, 0L, 0L), (first.Groups[0].Steps[0].Entered, first.Groups[0].Steps[0].Completed, first.Groups[0].Steps[1].Entered));
        Assert.Equal((1L, 1L, 1L), (second.Groups[0].Steps[0].Entered, second.Groups[0].Steps[0].Completed, second.Groups[0].Steps[1].Entered));
        AssertWithinBucketError(300, second.Groups[0].Steps[1].MedianSecondsFromPrevious);
    }

    [Fact]
    public async Task ARegistrationArrivingAfterLaterStepsMovesTheProspectToItsRegistrationDay()
    {
        var (registrationDay, nextDay) = (population.FreeDay(2), population.FreeDay(1));
        var clientId = "rp-" + Guid.NewGuid().ToString("N")[..12];
        var registered = ReportPopulation.StartOf(nextDay).AddMinutes(-10);

        await Record(clientId, FunnelStep.PhoneVerified, registered.AddMinutes(20));
        var before = await ReportWhenAsync("cohort", registrationDay, nextDay, r => r.Groups.Count > 0);
        await Record(clientId, FunnelStep.Registered, registered);
        var after = await ReportWhenAsync("cohort", registrationDay, nextDay, r => r.Groups.Any(g => g.Key == Key(registrationDay)));

        Assert.Equal([Key(nextDay)], before.Groups.Select(g => g.Key));
        Assert.Equal([Key(registrationDay)], after.Groups.Select(g => g.Key));
        Assert.Equal([1L, 1L, 0L], after.Groups[0].Steps.Take(3).Select(s => s.Entered));
        Assert.Equal(1, after.Groups[0].Steps[0].Completed);
    }

    [Fact]
    public async Task ProjectorsRacingEachOtherApplyEveryIncrementExactlyOnce()
    {
        var day = population.FreeDay(3);
        var start = ReportPopulation.StartOf(day).AddHours(9);
        var projector = population.Service.Services.GetRequiredService<ReportProjector>();
        using var stop = new CancellationTokenSource();
        // Three more projectors beside the host's own, as if replicas ran them, while steps keep arriving.
        var racing = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await projector.ProjectAsync(CancellationToken.None);
            }
        })).ToList();

        await Parallel.ForEachAsync(Enumerable.Range(0, 40), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            var clientId = $"rp-race-{i}-{Guid.NewGuid().ToString("N")[..8]}";
            await Record(clientId, FunnelStep.Registered, start.AddMinutes(i));
            if (i % 2 == 0)
            {
                await Record(clientId, FunnelStep.PhoneVerified, start.AddMinutes(i + 1));
            }
        });
        await stop.CancelAsync();
        await Task.WhenAll(racing);
        await population.WaitForProjectionAsync();

        var all = Assert.Single((await ReportAsync("", day, day)).Groups);
        Assert.Equal((40L, 20L, 20L), (all.Steps[0].Entered, all.Steps[0].Completed, all.Steps[1].Entered));
    }

    [Fact]
    public async Task TheAggregatesHoldAtMostOneRowPerCohortDaySliceAndStepHoweverManyEventsArrived()
    {
        using var scope = population.Service.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OnboardingDbContext>();

        var rows = await db.Set<FunnelReportCell>().CountAsync(c => c.CohortDate >= population.Day1 && c.CohortDate <= population.Day2,
            TestContext.Current.CancellationToken);

        // Two days x five slices (all, two channels, one campaign, one variant) x thirteen steps.
        Assert.InRange(rows, 1, 2 * 5 * 13);
        Assert.True(population.EventsSent > 2 * rows, $"{population.EventsSent} events, {rows} rows");
    }

    [Fact]
    public async Task AnUnknownFunnelIsNotFound()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            population.Reports.GetFunnelReportAsync(new FunnelReportRequest { Funnel = "nosuch" }).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task AnUnknownGroupingIsRejectedNamingTheAllowedOnes()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            population.Reports.GetFunnelReportAsync(new FunnelReportRequest { Funnel = "standard", By = "device" }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var fields = JsonSerializer.Deserialize<Dictionary<string, string[]>>(error.Trailers.GetValueBytes(GrpcFieldErrors.Trailer));
        Assert.Contains("channel, campaign, cohort, variant", Assert.Single(fields!["by"]));
    }

    [Fact]
    public async Task ARangeThatEndsBeforeItStartsIsRejected()
    {
        var from = ReportPopulation.StartOf(population.Day2);
        var error = await Assert.ThrowsAsync<RpcException>(() => population.Reports.GetFunnelReportAsync(new FunnelReportRequest
        {
            Funnel = "standard", From = Timestamp.FromDateTimeOffset(from), To = Timestamp.FromDateTimeOffset(from.AddDays(-1)),
        }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("to", JsonSerializer.Deserialize<Dictionary<string, string[]>>(error.Trailers.GetValueBytes(GrpcFieldErrors.Trailer))!.Keys);
    }

    private static void AssertWithinBucketError(double expected, double actual) =>
        Assert.InRange(actual, expected * (1 - DurationBuckets.RelativeError), expected * (1 + DurationBuckets.RelativeError));

    private static string Key(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static double? ExactMedian(IReadOnlyList<Prospect> prospects, int step)
    {
        if (step == 0)
        {
            return null;
        }

        var durations = prospects
            .Where(p => p.Reached.ContainsKey(Steps[step]) && p.Reached.ContainsKey(Steps[step - 1]))
            .Select(p => (p.Reached[Steps[step]] - p.Reached[Steps[step - 1]]).TotalSeconds)
            .Order().ToArray();
        return durations.Length == 0 ? null : (durations[(durations.Length - 1) / 2] + durations[durations.Length / 2]) / 2;
    }

    private Task<FunnelReportReply> ReportAsync(string by) => ReportAsync(by, population.Day1, population.Day2);

    private Task<FunnelReportReply> ReportAsync(string by, DateOnly first, DateOnly last) =>
        population.Reports.GetFunnelReportAsync(new FunnelReportRequest
        {
            Funnel = "standard",
            By = by,
            From = Timestamp.FromDateTimeOffset(ReportPopulation.StartOf(first)),
            To = Timestamp.FromDateTimeOffset(ReportPopulation.StartOf(last.AddDays(1))),
        }).ResponseAsync;

    /// <summary>The report once <paramref name="ready"/> holds: it lags recorded steps by the projector's interval.</summary>
    private async Task<FunnelReportReply> ReportWhenAsync(string by, DateOnly first, DateOnly last, Func<FunnelReportReply, bool> ready)
    {
        FunnelReportReply? reply = null;
        await ChildProcess.WaitUntilAsync(async () => ready(reply = await ReportAsync(by, first, last)), TimeSpan.FromSeconds(60),
            "the report showing the recorded steps");
        return reply!;
    }

    private Task Record(string clientId, FunnelStep step, DateTimeOffset at) =>
        population.Onboarding.RecordStepAsync(ReportPopulation.Request(clientId, step, at, "wecom", "report-own")).ResponseAsync;

    /// <summary>Every group and step matches the counts computed from the prospects' first reach times.</summary>
    private void AssertMatches(Func<Prospect, string> key, FunnelReportReply reply, IReadOnlyList<Prospect>? prospects = null)
    {
        var expected = (prospects ?? population.Prospects).GroupBy(key).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Select(g => g.Key), reply.Groups.Select(g => g.Key));
        foreach (var (group, actual) in expected.Zip(reply.Groups))
        {
            long previous = 0;
            for (var i = 0; i < Steps.Count; i++)
            {
                var entered = group.LongCount(p => p.Reached.ContainsKey(Steps[i]));
                var completed = group.LongCount(p => p.Reached.ContainsKey(Steps[i]) && Steps.Skip(i + 1).Any(p.Reached.ContainsKey));
                var conversion = i == 0 ? 1 : previous == 0 ? 0 : (double)entered / previous;
                var step = actual.Steps[i];
                Assert.Equal((group.Key, Steps[i].ToWireName(), entered, completed, entered - completed, conversion),
                    (actual.Key, step.Step, step.Entered, step.Completed, step.Dropped, step.ConversionFromPrevious));
                previous = entered;
            }

            var first = group.LongCount(p => p.Reached.ContainsKey(Steps[0]));
            Assert.Equal((double)group.LongCount(p => p.Reached.ContainsKey(Steps[^1])) / first, actual.OverallConversion);
        }
    }
}
