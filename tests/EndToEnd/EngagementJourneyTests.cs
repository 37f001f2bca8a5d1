using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.TestSupport.Processes;

namespace Platform.EndToEnd;

/// <summary>
/// Moments through the gateway on the running platform: Onboarding's stall timer and funnel, the gateway's activity,
/// Engagement's firing, decisions (asking Content for the words), inbox, audit and moments report.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class EngagementJourneyTests(PlatformFixture platform)
{
    [Fact]
    public async Task AStalledProspectGetsExactlyOneRecallInItsInboxResumesAndTheMomentsReportCountsIt()
    {
        await using var journey = await MomentJourney.StartAsync(platform);
        var clientId = journey.ClientId;
        // The last step 40 minutes ago: past the standard funnel's first stall threshold (30 min), short of its second
        // (24 h), so Onboarding's stall timer is due at once and fires level 1 only. (Should the timer fire at
        // `registered` before the second step is recorded, that stall is no M02, and the later step starts a new episode.)
        var lastActivity = DateTimeOffset.UtcNow.AddMinutes(-40);
        await Journeys.PostStepAsync(journey.System, clientId, "registered", lastActivity.AddMinutes(-1), "e2e-recall");
        await Journeys.PostStepAsync(journey.System, clientId, "phone_verified", lastActivity, "e2e-recall");

        var recall = await journey.DecidedAsync("M02");
        var inbox = await journey.InboxAsync();
        var stalled = await journey.Client.GetFromJsonAsync<JsonElement>($"/v1/onboarding/clients/{clientId}/progress", TestContext.Current.CancellationToken);

        Assert.Equal("stalled", stalled.GetProperty("status").GetString());
        Assert.Equal(($"M02:{clientId}:episode-{lastActivity.ToUnixTimeSeconds()}:level-1", "sent", "push"),
            (recall.GetProperty("instanceKey").GetString(), recall.GetProperty("decision").GetString(), recall.GetProperty("channel").GetString()));
        var message = Assert.Single(inbox, m => m.GetProperty("moment").GetString() == "M02");
        Assert.False(string.IsNullOrWhiteSpace(message.GetProperty("title").GetString()));

        // The prospect resumes: its next step is M02's goal. Engagement consumes it after the stall (one partition per
        // client), so once the report counts the conversion every earlier event of the client has been through firing.
        await Journeys.PostStepAsync(journey.System, clientId, "id_uploaded", DateTimeOffset.UtcNow, "e2e-recall");
        var counted = await MomentReportedAsync(journey.Operators, "M02", recall.GetProperty("firedAt").GetDateTimeOffset(), converted: 1);
        var resumed = await journey.Client.GetFromJsonAsync<JsonElement>($"/v1/onboarding/clients/{clientId}/progress", TestContext.Current.CancellationToken);

        Assert.Equal("in_progress", resumed.GetProperty("status").GetString());
        Assert.Equal((1, 1, 0, 0), (counted.GetProperty("fired").GetInt32(), counted.GetProperty("sent").GetInt32(),
            counted.GetProperty("deferred").GetInt32(), counted.GetProperty("failed").GetInt32()));
        Assert.Empty(counted.GetProperty("suppressed").EnumerateObject());
        var uplift = counted.GetProperty("uplift");
        Assert.Equal(("onboarding.StepRecorded", "P1D"), (uplift.GetProperty("goal").GetString(), uplift.GetProperty("window").GetString()));
        Assert.Equal((1, 1, (double?)1.0), Group(uplift.GetProperty("treated")));
        Assert.Single(await journey.InboxAsync(), m => m.GetProperty("moment").GetString() == "M02");
        Assert.Single(await journey.AuditAsync(), i => i.GetProperty("moment").GetString() == "M02");
    }

    [Fact]
    public async Task AnApprovedFundedClientGetsItsWelcomeAndFirstDepositMomentsOnceEach()
    {
        await using var journey = await MomentJourney.StartAsync(platform);
        var clientId = journey.ClientId;
        // Steps a minute apart, the last a minute ago: short of the first stall threshold, so no recall competes with the welcome.
        await Journeys.ApproveThroughTheFunnelAsync(journey.System, clientId, "e2e-welcome", DateTimeOffset.UtcNow.AddMinutes(-Journeys.FunnelSteps.Length - 1));

        var welcome = await journey.DecidedAsync("M04");
        // Funded after the welcome was decided, so more than the priority window after it fired: the two do not compete.
        await PostActivityAsync(journey.System,
            new { eventId = Guid.CreateVersion7(), clientId, type = "deposit", occurredAt = DateTimeOffset.UtcNow, amount = 20_000.00m },
            new { eventId = Guid.CreateVersion7(), clientId, type = "deposit", occurredAt = DateTimeOffset.UtcNow, amount = 5_000.00m });
        var firstDeposit = await journey.DecidedAsync("M06");
        // A trade (M06's goal) after both deposits, on the client's partition: once the report counts it, both deposits
        // have been through firing, and a second first-deposit moment would exist by now.
        await PostActivityAsync(journey.System, new { eventId = Guid.CreateVersion7(), clientId, type = "trade", occurredAt = DateTimeOffset.UtcNow, amount = 1_000.00m });
        await MomentReportedAsync(journey.Operators, "M06", firstDeposit.GetProperty("firedAt").GetDateTimeOffset(), converted: 1);

        Assert.Equal(($"M04:{clientId}:client", "sent", "push"), (welcome.GetProperty("instanceKey").GetString(),
            welcome.GetProperty("decision").GetString(), welcome.GetProperty("channel").GetString()));
        Assert.Equal(($"M06:{clientId}:client", "sent", "inbox"), (firstDeposit.GetProperty("instanceKey").GetString(),
            firstDeposit.GetProperty("decision").GetString(), firstDeposit.GetProperty("channel").GetString()));
        Assert.Equal(["M04", "M06"], Moments(await journey.AuditAsync()));
        var inbox = await journey.InboxAsync();
        Assert.Equal(["M04", "M06"], Moments(inbox));
        Assert.All(inbox, m => Assert.DoesNotContain("{{", m.GetProperty("title").GetString() + m.GetProperty("body").GetString(), StringComparison.Ordinal));
    }

    /// <summary>
    /// The moments report's row of <paramref name="moment"/> over exactly the instant one instance fired (no other test's
    /// instance fired at that microsecond), once its uplift counts <paramref name="converted"/> treated clients converted.
    /// </summary>
    private static async Task<JsonElement> MomentReportedAsync(HttpClient operators, string moment, DateTimeOffset firedAt, int converted)
    {
        var range = $"from={Uri.EscapeDataString(Iso(firedAt))}&to={Uri.EscapeDataString(Iso(firedAt.AddMilliseconds(1)))}";
        JsonElement row = default;
        await ChildProcess.WaitUntilAsync(async () =>
        {
            var report = await operators.GetFromJsonAsync<JsonElement>($"/v1/reports/moments?{range}");
            row = report.GetProperty("moments").EnumerateArray().SingleOrDefault(m => m.GetProperty("moment").GetString() == moment);
            return row.ValueKind == JsonValueKind.Object
                && row.GetProperty("uplift").GetProperty("treated").GetProperty("converted").GetInt32() == converted;
        }, Journeys.Deadline, $"the moments report counting {moment}'s goal");
        return row;
    }

    private static async Task PostActivityAsync(HttpClient system, params object[] events)
    {
        using var posted = await system.PostAsJsonAsync("/v1/activity", new { events }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
    }

    /// <summary>The welcome and first-deposit moments among <paramref name="entries"/> (inbox messages or audit instances), in key order.</summary>
    private static IEnumerable<string?> Moments(List<JsonElement> entries) =>
        entries.Select(e => e.GetProperty("moment").GetString()).Where(m => m is "M04" or "M06").Order(StringComparer.Ordinal);

    private static (int Clients, int Converted, double? Rate) Group(JsonElement group) => (group.GetProperty("clients").GetInt32(),
        group.GetProperty("converted").GetInt32(), group.GetProperty("rate").ValueKind == JsonValueKind.Null ? null : group.GetProperty("rate").GetDouble());

    private static string Iso(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture);
}
