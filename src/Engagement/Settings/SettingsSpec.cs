using Platform.ServiceDefaults.Validation;
using Platform.Engagement.Channels;
using Platform.Engagement.Grpc;
using Platform.Engagement.Policies;

namespace Platform.Engagement.Settings;

/// <summary>Settings as an operator sent them, checked: every refused field is named at once (API.md's camelCase paths).</summary>
public static class SettingsSpec
{
    public const int PercentDecimals = 2;
    public const int MoneyDecimals = 2;
    public const decimal MaxMoney = 1_000_000_000_000_000m;
    public static readonly TimeSpan MaxCapPeriod = TimeSpan.FromDays(366);
    public static readonly TimeSpan MaxPriorityWindow = TimeSpan.FromDays(1);
    public static readonly TimeSpan MaxSla = TimeSpan.FromDays(30);

    public static (EngagementSettings? Settings, Dictionary<string, string[]> Errors) Parse(EngagementSettingsSpec? spec)
    {
        var errors = new FieldErrors();
        if (spec is null)
        {
            errors.Add("settings", "is required");
            return (null, errors.ToDictionary());
        }

        var quietHours = ParseQuietHours(errors, spec.QuietHours);
        var caps = ParseCaps(errors, spec.Caps);
        var holdout = ParseDecimal(errors, "holdoutPercent", spec.HoldoutPercent, 0, 100, PercentDecimals, "a percentage from 0 to 100");
        if (!TierLevels.TryParse(spec.AdvisorTaskFromTier, out var fromTier))
        {
            errors.Add("advisorTaskFromTier", "must be a tier V0..V7 (from it up, an SMS becomes an advisor task)");
        }

        var sla = ParseSla(errors, spec.AdvisorTaskSla);
        var window = ParseDuration(errors, "priorityWindow", spec.PriorityWindow, MaxPriorityWindow);
        var idleCash = ParseDecimal(errors, "idleCashThreshold", spec.IdleCashThreshold, 0, MaxMoney, MoneyDecimals, "CNY of cash from which a day counts as idle");
        return errors.Count > 0
            ? (null, errors.ToDictionary())
            : (new EngagementSettings(quietHours!, caps, holdout, fromTier, sla!, window, idleCash), errors.ToDictionary());
    }

    private static QuietHours? ParseQuietHours(FieldErrors errors, QuietHoursSpec? spec)
    {
        if (spec is null)
        {
            errors.Add("quietHours", "is required: {start, end, timeZone, channels}");
            return null;
        }

        if (!SettingsText.TryParseTime(spec.Start, out var start))
        {
            errors.Add("quietHours.start", "must be a local time HH:mm, e.g. 22:00");
        }

        if (!SettingsText.TryParseTime(spec.End, out var end))
        {
            errors.Add("quietHours.end", "must be a local time HH:mm, e.g. 08:00 (before start: the window runs across midnight)");
        }

        if (!SettingsText.TryFindZone(spec.TimeZone, out var zone))
        {
            errors.Add("quietHours.timeZone", "must be an IANA time zone this server knows, e.g. Asia/Shanghai");
        }

        CheckChannels(errors, spec.Channels);
        return new QuietHours(start, end, zone, [.. spec.Channels]);
    }

    private static void CheckChannels(FieldErrors errors, IReadOnlyList<string> channels)
    {
        for (var i = 0; i < channels.Count; i++)
        {
            if (!ChannelNames.IsKnown(channels[i]))
            {
                errors.Add($"quietHours.channels[{i}]", $"is not a channel ({ChannelNames.List})");
            }
            else if (channels.Take(i).Contains(channels[i], StringComparer.Ordinal))
            {
                errors.Add($"quietHours.channels[{i}]", "is listed twice");
            }
        }
    }

    private static Dictionary<string, FrequencyCap> ParseCaps(FieldErrors errors, IDictionary<string, FrequencyCapSpec> specs)
    {
        var caps = new Dictionary<string, FrequencyCap>(StringComparer.Ordinal);
        foreach (var (channel, spec) in specs.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            if (!ChannelNames.IsKnown(channel))
            {
                errors.Add($"caps.{channel}", $"is not a channel ({ChannelNames.List})");
                continue;
            }

            if (spec is null)
            {
                errors.Add($"caps.{channel}", "must be {count, per}");
                continue;
            }

            if (spec.Count < 0)
            {
                errors.Add($"caps.{channel}.count", "must be 0 or more (0: never send on this channel)");
            }

            caps[channel] = new FrequencyCap(spec.Count, ParseDuration(errors, $"caps.{channel}.per", spec.Per, MaxCapPeriod));
        }

        return caps;
    }

    private static AdvisorTaskSla? ParseSla(FieldErrors errors, AdvisorTaskSlaSpec? spec)
    {
        if (spec is null)
        {
            errors.Add("advisorTaskSla", "is required: {default, byTier}");
            return null;
        }

        var fallback = ParseDuration(errors, "advisorTaskSla.default", spec.Default, MaxSla);
        var byTier = new Dictionary<int, TimeSpan>();
        foreach (var (tier, text) in spec.ByTier.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            if (!TierLevels.TryParse(tier, out var level))
            {
                errors.Add($"advisorTaskSla.byTier.{tier}", "is not a tier (V0..V7)");
                continue;
            }

            byTier[level] = ParseDuration(errors, $"advisorTaskSla.byTier.{tier}", text, MaxSla);
        }

        return new AdvisorTaskSla(fallback, byTier);
    }

    private static TimeSpan ParseDuration(FieldErrors errors, string field, string text, TimeSpan max)
    {
        if (!SettingsText.TryParseDuration(text, out var value) || value <= TimeSpan.Zero || value > max)
        {
            errors.Add(field, $"must be {SettingsText.DurationHint}, above zero and at most {max.TotalDays:0} days");
        }

        return value;
    }

    private static decimal ParseDecimal(FieldErrors errors, string field, string text, decimal min, decimal max, int decimals, string what)
    {
        if (!SettingsText.TryParseDecimal(text, out var value) || value < min || value > max || !SettingsText.HasAtMostDecimals(value, decimals))
        {
            errors.Add(field, $"must be a number from {min} to {max} with at most {decimals} decimals ({what})");
        }

        return value;
    }
}
