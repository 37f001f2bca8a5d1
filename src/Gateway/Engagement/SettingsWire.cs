using System.Globalization;
using Platform.Engagement.Grpc;

namespace Platform.Gateway.Engagement;

/// <summary>Between the public shape and Engagement's: the gateway checks that each part is there, Engagement checks the values.</summary>
internal static class SettingsWire
{
    public static Dictionary<string, string[]> Check(SettingsRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.QuietHours is not { } quiet)
        {
            errors["quietHours"] = ["is required: {start, end, timeZone, channels}"];
        }
        else
        {
            Require(errors, "quietHours.start", quiet.Start, "local time HH:mm");
            Require(errors, "quietHours.end", quiet.End, "local time HH:mm");
            Require(errors, "quietHours.timeZone", quiet.TimeZone, "an IANA time zone, e.g. Asia/Shanghai");
            if (quiet.Channels is null)
            {
                errors["quietHours.channels"] = ["is required (may be empty)"];
            }

            for (var i = 0; i < (quiet.Channels?.Length ?? 0); i++)
            {
                Require(errors, $"quietHours.channels[{i}]", quiet.Channels![i], "a channel name");
            }
        }

        foreach (var (channel, cap) in request.Caps ?? [])
        {
            if (cap?.Count is null)
            {
                errors[$"caps.{channel}.count"] = ["is required"];
            }

            Require(errors, $"caps.{channel}.per", cap?.Per, "an ISO 8601 duration, e.g. P1D");
        }

        if (request.HoldoutPercent is null)
        {
            errors["holdoutPercent"] = ["is required (0..100)"];
        }

        Require(errors, "advisorTaskFromTier", request.AdvisorTaskFromTier, "V0..V7");
        if (request.AdvisorTaskSla is not { } sla)
        {
            errors["advisorTaskSla"] = ["is required: {default, byTier}"];
        }
        else
        {
            Require(errors, "advisorTaskSla.default", sla.Default, "an ISO 8601 duration, e.g. PT24H");
            foreach (var (tier, duration) in sla.ByTier ?? [])
            {
                Require(errors, $"advisorTaskSla.byTier.{tier}", duration, "an ISO 8601 duration, e.g. PT8H");
            }
        }

        Require(errors, "priorityWindow", request.PriorityWindow, "an ISO 8601 duration, e.g. PT1M");
        if (request.IdleCashThreshold is null)
        {
            errors["idleCashThreshold"] = ["is required (CNY)"];
        }

        return errors;
    }

    /// <summary>A request <see cref="Check"/> passed.</summary>
    public static PutEngagementSettingsRequest ToGrpc(SettingsRequest request)
    {
        var quiet = request.QuietHours!;
        var spec = new EngagementSettingsSpec
        {
            QuietHours = new QuietHoursSpec { Start = quiet.Start, End = quiet.End, TimeZone = quiet.TimeZone, Channels = { quiet.Channels! } },
            HoldoutPercent = request.HoldoutPercent!.Value.ToString(CultureInfo.InvariantCulture),
            AdvisorTaskFromTier = request.AdvisorTaskFromTier,
            AdvisorTaskSla = new AdvisorTaskSlaSpec { Default = request.AdvisorTaskSla!.Default, ByTier = { request.AdvisorTaskSla.ByTier ?? [] } },
            PriorityWindow = request.PriorityWindow,
            IdleCashThreshold = request.IdleCashThreshold!.Value.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (channel, cap) in request.Caps ?? [])
        {
            spec.Caps[channel] = new FrequencyCapSpec { Count = cap.Count!.Value, Per = cap.Per };
        }

        return new PutEngagementSettingsRequest { Settings = spec };
    }

    public static SettingsResponse FromGrpc(EngagementSettingsReply reply)
    {
        var spec = reply.Settings;
        return new SettingsResponse(
            new SettingsQuietHours { Start = spec.QuietHours.Start, End = spec.QuietHours.End, TimeZone = spec.QuietHours.TimeZone, Channels = [.. spec.QuietHours.Channels] },
            spec.Caps.OrderBy(c => c.Key, StringComparer.Ordinal).ToDictionary(c => c.Key, c => new SettingsCap { Count = c.Value.Count, Per = c.Value.Per }),
            decimal.Parse(spec.HoldoutPercent, CultureInfo.InvariantCulture),
            spec.AdvisorTaskFromTier,
            new SettingsAdvisorTaskSla { Default = spec.AdvisorTaskSla.Default, ByTier = spec.AdvisorTaskSla.ByTier.OrderBy(t => t.Key, StringComparer.Ordinal).ToDictionary() },
            spec.PriorityWindow,
            decimal.Parse(spec.IdleCashThreshold, CultureInfo.InvariantCulture),
            reply.Version,
            reply.ChangedAt.ToDateTimeOffset());
    }

    private static void Require(Dictionary<string, string[]> errors, string field, string? value, string what)
    {
        if (value is null)
        {
            errors[field] = [$"is required ({what})"];
        }
    }
}
