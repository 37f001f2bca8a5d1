using System.Globalization;
using Google.Protobuf;
using Platform.ServiceDefaults.Time;
using ActivityEvents = Platform.Activity.Events;
using OnboardingEvents = Platform.Onboarding.Events;
using TieringEvents = Platform.Tiering.Events;

namespace Platform.Engagement.Rules;

/// <summary>
/// A moment instance's key, <c>&lt;rule key&gt;:&lt;client id&gt;:&lt;business key&gt;</c> (API.md: <c>M06:c-1:client</c>,
/// <c>M02:c-1:episode-3:level-2</c>), unique in the database so one instance is decided once whatever replays it.
/// The business key is what the rule's <c>once</c> names:
/// <list type="bullet">
/// <item><c>client</c>: <c>client</c>.</item>
/// <item><c>event</c>: the trigger's event id (<c>Guid</c>, "D" format).</item>
/// <item><c>day</c>: <c>yyyy-MM-dd</c> in Asia/Shanghai of <c>at</c>; <c>year</c>: <c>yyyy</c> likewise.</item>
/// <item><c>episode</c>: from the trigger, so that distinct events of one episode are one instance:
///   ProspectStalled <c>episode-&lt;stalledSince, unix seconds&gt;:level-&lt;level&gt;</c> (one per stall level of a stall);
///   ApplicationRejected <c>rejection-&lt;resubmissions&gt;</c> (one per rejection);
///   DowngradeWarned <c>review-&lt;reviewAt, unix seconds&gt;</c> (one per warning, whoever re-sends it);
///   AssetsSnapshot <c>snapshot-&lt;date&gt;</c> (one per trading day's snapshot, so a re-sent snapshot is no second instance);
///   any other event its event id; but for a scheduled rule, the schedule's anchor <c>since-&lt;anchor, UTC to the
///   microsecond&gt;</c>, so that every trigger of one run (each snapshot of an idle-cash run, each event while the client
///   stays disengaged) names one instance and the next run another.</item>
/// </list>
/// </summary>
public static class InstanceKeys
{
    public static string Of(string ruleKey, string clientId, string businessKey) => $"{ruleKey}:{clientId}:{businessKey}";

    /// <summary>The instance of <paramref name="rule"/> for <paramref name="clientId"/>, fired by <paramref name="trigger"/>.</summary>
    /// <param name="at">When the instance happens: the trigger's time, or for a scheduled rule the time it is due (the anniversary's year).</param>
    /// <param name="anchor">A scheduled rule's anchor (the value of its <c>schedule.at</c>), which is its episode.</param>
    public static string Of(Rule rule, string clientId, IMessage trigger, Guid eventId, DateTimeOffset at, DateTimeOffset? anchor = null) =>
        Of(rule.Key, clientId, BusinessKey(rule.Once, trigger, eventId, at, anchor));

    public static string BusinessKey(OnceScope once, IMessage trigger, Guid eventId, DateTimeOffset at, DateTimeOffset? anchor = null) => once switch
    {
        OnceScope.Client => "client",
        OnceScope.Event => EventKey(eventId),
        OnceScope.Day => ShanghaiTime.DateOf(at).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        OnceScope.Year => ShanghaiTime.DateOf(at).Year.ToString("D4", CultureInfo.InvariantCulture),
        _ when anchor is { } since => "since-" + since.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
        _ => Episode(trigger, eventId),
    };

    private static string Episode(IMessage trigger, Guid eventId) => trigger switch
    {
        OnboardingEvents.ProspectStalled stalled => string.Create(CultureInfo.InvariantCulture,
            $"episode-{stalled.StalledSince?.Seconds ?? 0}:level-{stalled.Level}"),
        OnboardingEvents.ApplicationRejected rejected => string.Create(CultureInfo.InvariantCulture, $"rejection-{rejected.Resubmissions}"),
        TieringEvents.DowngradeWarned warned when warned.ReviewAt is not null => string.Create(CultureInfo.InvariantCulture, $"review-{warned.ReviewAt.Seconds}"),
        ActivityEvents.AssetsSnapshot snapshot when snapshot.Date.Length > 0 && DateOnly.TryParseExact(snapshot.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture,
            DateTimeStyles.None, out var date) => "snapshot-" + date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => EventKey(eventId),
    };

    private static string EventKey(Guid eventId) => eventId.ToString("D");
}
