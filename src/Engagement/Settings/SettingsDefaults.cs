using Platform.Engagement.Grpc;

namespace Platform.Engagement.Settings;

/// <summary>Version 1, as API.md and DOMAIN.md give the defaults; seeded by the Settings migration.</summary>
public static class SettingsDefaults
{
    public static EngagementSettingsSpec Spec()
    {
        var spec = new EngagementSettingsSpec
        {
            QuietHours = new QuietHoursSpec { Start = "22:00", End = "08:00", TimeZone = "Asia/Shanghai", Channels = { "sms", "push" } },
            HoldoutPercent = "10",
            AdvisorTaskFromTier = "V5",
            AdvisorTaskSla = new AdvisorTaskSlaSpec { Default = "PT24H", ByTier = { ["V6"] = "PT8H", ["V7"] = "PT4H" } },
            PriorityWindow = "PT1M",
            IdleCashThreshold = "50000",
        };
        spec.Caps.Add("sms", new FrequencyCapSpec { Count = 1, Per = "P1D" });
        spec.Caps.Add("push", new FrequencyCapSpec { Count = 3, Per = "P7D" });
        return spec;
    }
}
