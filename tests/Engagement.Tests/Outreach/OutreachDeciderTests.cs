using CsCheck;
using Platform.Engagement.Channels;
using Platform.Engagement.Outreach;
using Platform.Engagement.Outreach.Decisions;
using Platform.Engagement.Policies;
using Platform.Engagement.Rules;
using Platform.Engagement.Settings;

namespace Platform.Engagement.Tests.Outreach;

/// <summary>
/// The decision pipeline's promises over random streams of one client's moments on a simulated clock (issue 12, done
/// means): never to an erased or held-out client, never SMS or push inside quiet hours, never over a cap, never two of
/// a client's moments fired within the priority window, every deferred instance decided in the end, and a deferred
/// instance whose goal the client reached since it fired never sent (issue 12 item 4: no stale recall at 08:00).
/// </summary>
public sealed class OutreachDeciderTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly EngagementSettings Defaults = SettingsSpec.Parse(SettingsDefaults.Spec()).Settings!;

    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <param name="GoalMinutes">When the client reaches the moment's goal, in minutes after it fired (0: with the trigger itself); null: never.</param>
    private sealed record Fired(string RuleKey, int Priority, int Minute, string Channel, CappedAction WhenCapped, bool ContentFound, int? GoalMinutes);

    private sealed class Instance(DecisionSubject subject, bool contentFound, DateTimeOffset? goalAt)
    {
        public DecisionSubject Subject { get; } = subject;
        public bool ContentFound { get; } = contentFound;
        public DateTimeOffset? GoalAt { get; } = goalAt;
        public DateTimeOffset? DeferredUntil { get; set; }
        public DateTimeOffset DecidedAt { get; set; }
        public string Decision { get; set; } = OutreachDecisions.Pending;
        public string? Reason { get; set; }
        public string Channel { get; set; } = subject.Channel;
        public DateTimeOffset DecideAt { get; set; }
        public DateTimeOffset? SentAt { get; set; }
    }

    private static readonly Gen<Fired> GenFired = Gen.Select(
        Gen.OneOf("M02", "M05", "M07", "M09", "M12", "M16"), Gen.Int[0, 100], Gen.Int[0, 10 * 24 * 60],
        Gen.OneOf(ChannelNames.Sms, ChannelNames.Push, ChannelNames.Inbox, ChannelNames.WeCom), Gen.Enum<CappedAction>(), Gen.Int[0, 9],
        Gen.Int[0, 16 * 60].Nullable())
        .Select((rule, priority, minute, channel, capped, content, goal) => new Fired(rule, priority, minute, channel, capped, content != 0, goal));

    [Fact]
    public void RandomStreamsOfOneClientKeepEveryPromiseOfThePipeline() =>
        Gen.Select(Gen.String[Gen.Char.AlphaNumeric, 1, 12], Gen.Bool, Gen.Int[0, 7].Nullable(), GenFired.Array[1, 40], Gen.Int[0, 3])
            .Sample((clientId, erased, tier, fired, windowMinutes) =>
            {
                var settings = Defaults with { PriorityWindow = TimeSpan.FromMinutes(windowMinutes) };
                var instances = Decide(clientId, erased, tier, fired, settings);

                var sent = instances.Where(i => i.Decision == OutreachDecisions.Sent).ToList();
                Assert.All(instances, i => Assert.NotEqual(OutreachDecisions.Pending, i.Decision));
                Assert.All(instances, i => Assert.NotEqual(OutreachDecisions.Deferred, i.Decision));
                if (erased || HoldoutPolicy.IsHeldOut(clientId, settings.HoldoutPercent))
                {
                    Assert.Empty(sent);
                }

                Assert.All(sent.Where(i => i.Channel is ChannelNames.Sms or ChannelNames.Push), i => Assert.False(InQuietHours(i.SentAt!.Value)));
                foreach (var (channel, cap) in settings.Caps)
                {
                    var times = sent.Where(i => i.Channel == channel).Select(i => i.SentAt!.Value).Order().ToList();
                    Assert.All(times, t => Assert.True(times.Count(o => o > t - cap.Per && o <= t) <= cap.Count, $"{channel} over its cap at {t}"));
                }

                Assert.All(sent, a => Assert.DoesNotContain(sent, b => b != a
                    && (a.Subject.FiredAt - b.Subject.FiredAt).Duration() <= settings.PriorityWindow));
                if (tier >= settings.AdvisorTaskFromTier)
                {
                    Assert.DoesNotContain(sent, i => i.Channel == ChannelNames.Sms);
                }

                // Deferred, then the goal reached before it came up again: closed unsent, and quiet hours is why.
                Assert.All(instances.Where(i => i.DeferredUntil is not null && i.GoalAt > i.Subject.FiredAt && i.GoalAt <= i.DecidedAt),
                    i => Assert.Equal((OutreachDecisions.Suppressed, OutreachReasons.QuietHours), (i.Decision, i.Reason)));
            });

    [Fact]
    public void AnSmsInsideQuietHoursIsDeferredToEightInTheMorningAndThenSent()
    {
        var clientId = NotHeldOut();
        var late = new DateTimeOffset(2026, 12, 1, 23, 30, 0, TimeSpan.FromHours(8));
        var subject = new DecisionSubject($"M05:{clientId}:client", clientId, "M05", 50, late, ChannelNames.Sms, CappedAction.Suppress);

        var night = OutreachDecider.WithContent(subject, ContentChoice.Of("m05-sms", "Fund your account", "Today"), 1, Defaults, [], late);
        var morning = OutreachDecider.WithContent(subject, ContentChoice.Of("m05-sms", "Fund your account", "Today"), 1, Defaults, [], night.DeferredUntil!.Value);

        Assert.Equal((OutreachDecisions.Deferred, OutreachReasons.QuietHours), (night.Decision, night.Reason));
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.FromHours(8)), night.DeferredUntil);
        Assert.Equal(Verdict.Sent(ChannelNames.Sms), morning);
    }

    [Fact]
    public void ADeferredRecallWhoseGoalWasReachedOvernightIsClosedUnsentForQuietHoursAndOnlyThen()
    {
        var clientId = NotHeldOut();
        var stalled = new DateTimeOffset(2026, 12, 1, 23, 0, 0, TimeSpan.FromHours(8));
        var eight = new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.FromHours(8));
        var deferred = new DecisionSubject($"M02:{clientId}:1", clientId, "M02", 80, stalled, ChannelNames.Push, CappedAction.Suppress, eight);

        Assert.Equal(Verdict.Suppressed(OutreachReasons.QuietHours, ChannelNames.Push),
            OutreachDecider.BeforeContent(deferred with { GoalReachedAt = stalled.AddHours(3) }, erased: false, Defaults));
        // No goal, a goal event no later than the trigger, or a first decision (never deferred): decided as before.
        Assert.Null(OutreachDecider.BeforeContent(deferred, erased: false, Defaults));
        Assert.Null(OutreachDecider.BeforeContent(deferred with { GoalReachedAt = stalled }, erased: false, Defaults));
        Assert.Null(OutreachDecider.BeforeContent(deferred with { DeferredUntil = null, GoalReachedAt = stalled.AddSeconds(30) }, erased: false, Defaults));
        // Erasure still comes first.
        Assert.Equal(OutreachReasons.Erased, OutreachDecider.BeforeContent(deferred with { GoalReachedAt = stalled.AddHours(3) }, erased: true, Defaults)!.Reason);
    }

    [Fact]
    public void ACappedChannelGoesToTheInboxOnlyWhenTheRuleSaysSo()
    {
        var clientId = NotHeldOut();
        var at = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.FromHours(8));
        ClientOutreach[] earlier = [new("M04:x:client", "M04", 50, at.AddHours(-2), OutreachDecisions.Sent, ChannelNames.Sms, at.AddHours(-2))];
        var content = ContentChoice.Of("m05-sms", "Fund your account", "Today");

        var suppressed = OutreachDecider.WithContent(new("M05:a", clientId, "M05", 50, at, ChannelNames.Sms, CappedAction.Suppress), content, 1, Defaults, earlier, at);
        var inbox = OutreachDecider.WithContent(new("M05:b", clientId, "M05", 50, at, ChannelNames.Sms, CappedAction.Inbox), content, 1, Defaults, earlier, at);

        Assert.Equal(Verdict.Suppressed(OutreachReasons.Cap, ChannelNames.Sms), suppressed);
        Assert.Equal(Verdict.Sent(ChannelNames.Inbox), inbox);
    }

    [Fact]
    public void ErasureComesBeforeHoldoutAndNoWordsMeansNoOutreach()
    {
        var heldOut = Enumerable.Range(0, 10_000).Select(i => $"c-{i}").First(c => HoldoutPolicy.IsHeldOut(c, Defaults.HoldoutPercent));
        var subject = new DecisionSubject($"M04:{heldOut}:client", heldOut, "M04", 50, Start, ChannelNames.Push, CappedAction.Suppress);

        Assert.Equal(OutreachReasons.Erased, OutreachDecider.BeforeContent(subject, erased: true, Defaults)!.Reason);
        Assert.Equal(OutreachReasons.Holdout, OutreachDecider.BeforeContent(subject, erased: false, Defaults)!.Reason);
        Assert.Equal(OutreachReasons.Unsuitable,
            OutreachDecider.WithContent(subject, ContentChoice.None("unsuitable"), 1, Defaults, [], Start.AddHours(4)).Reason);
        Assert.Equal(OutreachReasons.NoContent, OutreachDecider.WithContent(subject, ContentChoice.None("no_content"), 1, Defaults, [], Start.AddHours(4)).Reason);
    }

    /// <summary>
    /// What the decision worker does, on a simulated clock: each instance is decided at the end of its priority window,
    /// a client's instances due together highest priority first, and a deferred one again at the end of the quiet hours.
    /// </summary>
    private static List<Instance> Decide(string clientId, bool erased, int? tier, IEnumerable<Fired> fired, EngagementSettings settings)
    {
        var instances = fired.Select((f, n) => new Instance(
            new DecisionSubject($"{f.RuleKey}:{clientId}:{n}", clientId, f.RuleKey, f.Priority, Start.AddMinutes(f.Minute), f.Channel, f.WhenCapped), f.ContentFound,
            f.GoalMinutes is { } goal ? Start.AddMinutes(f.Minute + goal) : null)
        {
            DecideAt = Start.AddMinutes(f.Minute) + settings.PriorityWindow,
        }).ToList();
        while (instances.Where(i => i.Decision is OutreachDecisions.Pending or OutreachDecisions.Deferred)
            .OrderBy(i => i.DecideAt).ThenByDescending(i => i.Subject.Priority).ThenBy(i => i.Subject.InstanceKey, StringComparer.Ordinal)
            .FirstOrDefault() is { } next)
        {
            var now = next.DecideAt;
            // As the worker asks: the goal events recorded by now (here every one up to now; the decider judges "since it fired").
            var subject = next.Subject with { DeferredUntil = next.DeferredUntil, GoalReachedAt = next.GoalAt <= now ? next.GoalAt : null };
            var verdict = OutreachDecider.BeforeContent(subject, erased, settings) ?? OutreachDecider.WithContent(subject,
                next.ContentFound ? ContentChoice.Of("item", "Title", "Body") : ContentChoice.None(OutreachReasons.NoContent), tier, settings,
                [.. instances.Where(i => i != next && i.Subject.FiredAt <= now)
                    .Select(i => new ClientOutreach(i.Subject.InstanceKey, i.Subject.RuleKey, i.Subject.Priority, i.Subject.FiredAt, i.Decision, i.Channel, i.SentAt))],
                now);
            (next.Decision, next.Reason, next.Channel, next.DecidedAt) = (verdict.Decision, verdict.Reason, verdict.Channel, now);
            if (verdict.Decision == OutreachDecisions.Sent)
            {
                next.SentAt = now;
            }
            else if (verdict.DeferredUntil is { } until)
            {
                Assert.True(until > now, "a deferral moves the decision later");
                (next.DecideAt, next.DeferredUntil) = (until, until);
            }
        }

        return instances;
    }

    private static bool InQuietHours(DateTimeOffset at)
    {
        var local = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Shanghai).DateTime);
        return local >= new TimeOnly(22, 0) || local < new TimeOnly(8, 0);
    }

    private static string NotHeldOut() => Enumerable.Range(0, 10_000).Select(i => $"c-{i}").First(c => !HoldoutPolicy.IsHeldOut(c, Defaults.HoldoutPercent));
}
