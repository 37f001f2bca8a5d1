using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Onboarding.Reports;
using Platform.Onboarding.Variants;
using static Platform.Onboarding.Tests.Reports.VariantReportFixture;

namespace Platform.Onboarding.Tests.Reports;

/// <summary>
/// The funnel report by variant, fed by Content's exposures on content.events: one group per experiment and variant
/// ("experiment:variant"), and "none" for the clients in no experiment. Each test records on a cohort day of its own.
/// </summary>
public sealed class FunnelReportByVariantTests(VariantReportFixture fixture) : IClassFixture<VariantReportFixture>
{
    private const string Welcome = "welcome-copy";
    private const string Video = "landing-video";

    [Fact]
    public async Task AnExposureBeforeTheFirstStepCountsTheProspectInItsVariantFromItsFirstStep()
    {
        var day = Day(0);
        var prospect = OnboardingDriver.NewClientId();

        await fixture.ExposeAsync(Exposure(prospect, Welcome, "b", day.AddMinutes(-5)));
        var beforeAnyStep = await fixture.EnteredAsync("variant", day);
        await fixture.Driver.StepsThroughAsync(prospect, "phone_verified", day);
        var groups = await fixture.EnteredAsync("variant", day);

        Assert.Empty(beforeAnyStep);
        Assert.Equal(["welcome-copy:b"], groups.Keys);
        Assert.Equal([1L, 1, 0], groups["welcome-copy:b"].Take(3));
    }

    [Fact]
    public async Task AnExposureAfterSeveralStepsMovesTheClientsCountsFromNoneToItsVariantAndTheTotalsStayAsTheyWere()
    {
        var day = Day(1);
        var (exposed, unexposed) = (OnboardingDriver.NewClientId(), OnboardingDriver.NewClientId());
        await fixture.Driver.StepsThroughAsync(exposed, "id_uploaded", day);
        await fixture.Driver.StepsThroughAsync(unexposed, "phone_verified", day.AddMinutes(30));
        var before = await fixture.EnteredAsync("variant", day);
        // The plain report reads the projected aggregates only, which lag the steps by the projector's round, and a
        // round may have projected one client's steps and not yet the other's: wait until every step matches the
        // report by variant, which is exact at once.
        var totalBefore = await fixture.ReportAsync("", day);
        await TestSupport.Processes.ChildProcess.WaitUntilAsync(async () =>
            (totalBefore = await fixture.ReportAsync("", day)).Groups is [var all]
                && all.Steps.Select(s => s.Entered).SequenceEqual(before["none"]),
            TimeSpan.FromSeconds(30), "the projector to count both clients' steps in the plain report");

        await fixture.ExposeAsync(Exposure(exposed, Welcome, "control", day.AddHours(1)));
        var after = await fixture.ReportAsync("variant", day);
        var totalAfter = await fixture.ReportAsync("", day);

        Assert.Equal(["none"], before.Keys);
        Assert.Equal([2L, 2, 1, 0], before["none"].Take(4));
        Assert.Equal(["none", "welcome-copy:control"], after.Groups.Select(g => g.Key));
        var (none, control) = (after.Groups[0], after.Groups[1]);
        Assert.Equal([1L, 1, 0, 0], none.Steps.Take(4).Select(s => s.Entered));
        Assert.Equal([1L, 1, 1, 0], control.Steps.Take(4).Select(s => s.Entered));
        Assert.Equal([1L, 1, 0, 0], control.Steps.Take(4).Select(s => s.Completed));
        Assert.InRange(control.Steps[2].MedianSecondsFromPrevious, 60 * (1 - DurationBuckets.RelativeError), 60 * (1 + DurationBuckets.RelativeError));
        // Moved, not copied: the groups add up to the total, which the exposure did not change.
        Assert.Equal(totalBefore.Groups[0].Steps.Select(s => s.Entered), none.Steps.Zip(control.Steps, (n, c) => n.Entered + c.Entered));
        Assert.Equal(totalBefore, totalAfter);
    }

    [Fact]
    public async Task AnExposureDeliveredTwiceOrPublishedAgainCountsTheClientOnce()
    {
        var day = Day(2);
        var client = OnboardingDriver.NewClientId();
        await fixture.Driver.StepsThroughAsync(client, "phone_verified", day);
        var exposure = Exposure(client, Welcome, "b", day);

        // The same message twice (a redelivery), then the same exposure under a new event id.
        await fixture.ExposeAsync(exposure, exposure, Exposure(client, Welcome, "b", day.AddMinutes(1)));
        var groups = await fixture.EnteredAsync("variant", day);

        Assert.Equal(["welcome-copy:b"], groups.Keys);
        Assert.Equal([1L, 1, 0], groups["welcome-copy:b"].Take(3));
    }

    [Fact]
    public async Task AClientInTwoExperimentsCountsOnceInItsVariantOfEachAndNoLongerInNone()
    {
        var day = Day(3);
        var (both, videoOnly) = (OnboardingDriver.NewClientId(), OnboardingDriver.NewClientId());
        await fixture.Driver.StepsThroughAsync(both, "id_uploaded", day);
        await fixture.Driver.StepsThroughAsync(videoOnly, "registered", day.AddMinutes(30));

        await fixture.ExposeAsync(
            Exposure(both, Welcome, "b", day), Exposure(both, Video, "control", day), Exposure(videoOnly, Video, "short", day));
        var groups = await fixture.EnteredAsync("variant", day);
        var total = await fixture.EnteredWhenAsync("", day, report => report.TryGetValue("all", out var all) && all[0] == 2);

        Assert.Equal(["landing-video:control", "landing-video:short", "welcome-copy:b"], groups.Keys);
        Assert.Equal([1L, 1, 1, 0], groups["landing-video:control"].Take(4));
        Assert.Equal([1L, 1, 1, 0], groups["welcome-copy:b"].Take(4));
        Assert.Equal([1L, 0], groups["landing-video:short"].Take(2));
        Assert.Equal([2L, 1, 1, 0], total["all"].Take(4));
    }

    [Fact]
    public async Task AClientInNoExperimentStaysInNoneAndAnExposedClientWithoutStepsIsInNoGroup()
    {
        var day = Day(4);
        var (exposed, plain, neverStepped) = (OnboardingDriver.NewClientId(), OnboardingDriver.NewClientId(), OnboardingDriver.NewClientId());
        await fixture.Driver.StepsThroughAsync(exposed, "registered", day);
        await fixture.Driver.StepsThroughAsync(plain, "id_uploaded", day.AddMinutes(30));

        await fixture.ExposeAsync(Exposure(exposed, Welcome, "b", day), Exposure(neverStepped, Welcome, "control", day));
        var groups = await fixture.EnteredAsync("variant", day);

        Assert.Equal(["none", "welcome-copy:b"], groups.Keys);
        Assert.Equal([1L, 1, 1, 0], groups["none"].Take(4));
        Assert.Equal([1L, 0], groups["welcome-copy:b"].Take(2));
    }

    [Fact]
    public async Task TheReportIsExactWhileTheStepsIncrementsStillWaitForTheProjector()
    {
        var day = Day(5);
        var (exposed, plain) = (OnboardingDriver.NewClientId(), OnboardingDriver.NewClientId());
        await fixture.ExposeAsync(Exposure(exposed, Welcome, "control", day));

        Dictionary<string, long[]> groups;
        int pending;
        await using (await fixture.HoldProjectorAsync())
        {
            await fixture.Driver.StepsThroughAsync(exposed, "id_uploaded", day);
            await fixture.Driver.StepsThroughAsync(plain, "phone_verified", day);
            groups = new(await fixture.EnteredAsync("variant", day));
            pending = await PendingIncrementsAsync();
        }

        // The exposed client's row already has its steps, the aggregates not yet: read alone, "none" would lose them.
        Assert.True(pending > 0, "the steps' increments were pending");
        Assert.Equal(["none", "welcome-copy:control"], groups.Keys);
        Assert.Equal([1L, 1, 0], groups["none"].Take(3));
        Assert.Equal([1L, 1, 1, 0], groups["welcome-copy:control"].Take(4));
    }

    [Fact]
    public async Task AnExposureThatCannotNameAVariantIsIgnoredAndTheNextOneIsHandled()
    {
        var day = Day(6);
        var client = OnboardingDriver.NewClientId();
        await fixture.Driver.StepsThroughAsync(client, "registered", day);

        await fixture.ExposeAsync(
            Exposure(client, "bad:key", "b", day), Exposure(client, Welcome, "", day), Exposure(client, Video, new string('v', 33), day),
            Exposure(client, Welcome, "b", day));
        var groups = await fixture.EnteredAsync("variant", day);

        Assert.Equal(["welcome-copy:b"], groups.Keys);
        Assert.Equal([(Welcome, "b")], await VariantsOfAsync(client));
    }

    private async Task<int> PendingIncrementsAsync()
    {
        await using var scope = fixture.Service.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OnboardingDbContext>().Set<PendingReportIncrement>().CountAsync();
    }

    /// <summary>The (experiment, variant) rows kept for the client: which exposures were taken, not only how many.</summary>
    private async Task<List<(string ExperimentKey, string Variant)>> VariantsOfAsync(string clientId)
    {
        await using var scope = fixture.Service.Services.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<OnboardingDbContext>().Set<ClientVariant>()
            .Where(v => v.ClientId == clientId).Select(v => new { v.ExperimentKey, v.Variant }).ToListAsync();
        return [.. rows.Select(r => (r.ExperimentKey, r.Variant))];
    }
}
