namespace Platform.Engagement.Rules;

/// <summary>
/// The rule fires at a time named by a field instead of at once: <see cref="At"/> (<c>event.&lt;time field&gt;</c> of the
/// trigger or <c>client.&lt;time field&gt;</c>) plus <see cref="Offset"/>, then again every <see cref="Every"/> when set
/// (the anniversary: <c>client.approvedAt</c> + P1Y every P1Y).
/// </summary>
public sealed record RuleSchedule(string At, RuleDuration Offset, RuleDuration? Every)
{
    /// <summary>The first time at or after <paramref name="notBefore"/> the schedule names, counted from <paramref name="at"/>.</summary>
    public DateTimeOffset NextAfter(DateTimeOffset at, DateTimeOffset notBefore)
    {
        var next = Offset.AddTo(at);
        for (var n = 1; next < notBefore && Every is { } every; n++)
        {
            // Counted from the anchor each time, so a 29 February anniversary stays on 28 February or 29 February, never drifts.
            next = every.AddTo(Offset.AddTo(at), n);
        }

        return next;
    }
}
