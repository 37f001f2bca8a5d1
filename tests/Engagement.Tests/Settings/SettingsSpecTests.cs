using Platform.Engagement.Grpc;
using Platform.Engagement.Settings;

namespace Platform.Engagement.Tests.Settings;

public sealed class SettingsSpecTests
{
    [Fact]
    public void TheDefaultsAreValidSettings()
    {
        var (settings, errors) = SettingsSpec.Parse(SettingsDefaults.Spec());

        Assert.Empty(errors);
        Assert.Equal(10m, settings!.HoldoutPercent);
        Assert.Equal(5, settings.AdvisorTaskFromTier);
        Assert.Equal("Asia/Shanghai", settings.QuietHours.TimeZone.Id);
        Assert.Equal(new FrequencyCap(1, TimeSpan.FromDays(1)), settings.Caps["sms"]);
        Assert.Equal(TimeSpan.FromHours(4), settings.AdvisorTaskSla.For(7));
        Assert.Equal(TimeSpan.FromHours(24), settings.AdvisorTaskSla.For(5));
    }

    [Fact]
    public void ShanghaiIsInThisMachinesTimeZoneDatabase() =>
        // Quiet hours need the zone database (tzdata); without it every zone but UTC is refused.
        Assert.True(TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai").HasIanaId);

    [Theory]
    [InlineData("quietHours.start", "24:00")]
    [InlineData("quietHours.start", "9:00")]
    [InlineData("quietHours.end", "08:00:00")]
    [InlineData("quietHours.timeZone", "Mars/Olympus")]
    [InlineData("quietHours.timeZone", "China Standard Time")]
    [InlineData("quietHours.timeZone", "../../etc/passwd")]
    [InlineData("quietHours.channels[1]", "fax")]
    [InlineData("quietHours.channels[1]", "sms")]
    [InlineData("caps.fax", "")]
    [InlineData("caps.sms.count", "-1")]
    [InlineData("caps.sms.per", "P1M")]
    [InlineData("caps.sms.per", "PT0S")]
    [InlineData("caps.push.per", "-P1D")]
    [InlineData("holdoutPercent", "100.01")]
    [InlineData("holdoutPercent", "-1")]
    [InlineData("holdoutPercent", "10.001")]
    [InlineData("holdoutPercent", "1e1")]
    [InlineData("advisorTaskFromTier", "V8")]
    [InlineData("advisorTaskFromTier", "v5")]
    [InlineData("advisorTaskSla.default", "tomorrow")]
    [InlineData("advisorTaskSla.byTier.V9", "PT1H")]
    [InlineData("advisorTaskSla.byTier.V7", "P31D")]
    [InlineData("priorityWindow", "PT0S")]
    [InlineData("priorityWindow", "P2D")]
    [InlineData("idleCashThreshold", "-0.01")]
    [InlineData("idleCashThreshold", "50000.001")]
    public void EveryBadFieldIsNamedAndNothingIsAccepted(string field, string value)
    {
        var spec = SettingsDefaults.Spec();
        Set(spec, field, value);

        var (settings, errors) = SettingsSpec.Parse(spec);

        Assert.Null(settings);
        Assert.Equal([field], errors.Keys);
    }

    [Fact]
    public void MissingPartsAreNamedAllAtOnce()
    {
        var (_, errors) = SettingsSpec.Parse(new EngagementSettingsSpec());

        Assert.Equal(["advisorTaskFromTier", "advisorTaskSla", "holdoutPercent", "idleCashThreshold", "priorityWindow", "quietHours"], errors.Keys.Order());
    }

    [Fact]
    public void AHoldoutInHundredthsAndAZeroCapAreAccepted()
    {
        var spec = SettingsDefaults.Spec();
        spec.HoldoutPercent = "12.5";
        spec.Caps["wecom"] = new FrequencyCapSpec { Count = 0, Per = "PT1H" };

        var (settings, errors) = SettingsSpec.Parse(spec);

        Assert.Empty(errors);
        Assert.Equal(12.5m, settings!.HoldoutPercent);
        Assert.Equal(0, settings.Caps["wecom"].Count);
    }

    private static void Set(EngagementSettingsSpec spec, string field, string value)
    {
        switch (field)
        {
            case "quietHours.start": spec.QuietHours.Start = value; break;
            case "quietHours.end": spec.QuietHours.End = value; break;
            case "quietHours.timeZone": spec.QuietHours.TimeZone = value; break;
            case "quietHours.channels[1]": spec.QuietHours.Channels[1] = value; break;
            case "caps.fax": spec.Caps["fax"] = new FrequencyCapSpec { Count = 1, Per = "P1D" }; break;
            case "caps.sms.count": spec.Caps["sms"].Count = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "caps.sms.per": spec.Caps["sms"].Per = value; break;
            case "caps.push.per": spec.Caps["push"].Per = value; break;
            case "holdoutPercent": spec.HoldoutPercent = value; break;
            case "advisorTaskFromTier": spec.AdvisorTaskFromTier = value; break;
            case "advisorTaskSla.default": spec.AdvisorTaskSla.Default = value; break;
            case "advisorTaskSla.byTier.V9": spec.AdvisorTaskSla.ByTier["V9"] = value; break;
            case "advisorTaskSla.byTier.V7": spec.AdvisorTaskSla.ByTier["V7"] = value; break;
            case "priorityWindow": spec.PriorityWindow = value; break;
            case "idleCashThreshold": spec.IdleCashThreshold = value; break;
            default: throw new ArgumentException(field);
        }
    }
}
