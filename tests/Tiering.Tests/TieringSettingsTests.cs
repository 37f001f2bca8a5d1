using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Platform.Tiering.Retention;
using Platform.Tiering.Tiers;

namespace Platform.Tiering.Tests;

/// <summary>Bad settings stop the start with every error at once, each naming its key, as the features register them.</summary>
public sealed class TieringSettingsTests
{
    [Fact]
    public void EveryBadSweepSettingIsNamed()
    {
        using var services = Registered(builder => builder.AddTiers(),
            ("Tiering:Sweep:PollInterval", "00:00:00"), ("Tiering:Sweep:Concurrency", "0"));

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SweepOptions>>().Value);

        Assert.Equal(["Tiering:Sweep:PollInterval must be positive.", "Tiering:Sweep:Concurrency must be between 1 and 16."], error.Failures);
    }

    [Fact]
    public void TooManyLocksAtOnceAreRefused()
    {
        using var services = Registered(builder => builder.AddTiers(), ("Tiering:Sweep:BatchSize", "3000"), ("Tiering:Sweep:Concurrency", "2"));

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SweepOptions>>().Value);

        Assert.StartsWith("Tiering:Sweep:BatchSize x Concurrency must be at most 4000", Assert.Single(error.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void EveryBadRetentionSettingIsNamed()
    {
        using var services = Registered(builder => builder.AddRetention(),
            ("Tiering:Retention:KeepDays", "30"), ("Tiering:Retention:Interval", "00:00:00"), ("Tiering:Retention:BatchSize", "0"));

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<RetentionOptions>>().Value);

        Assert.Equal(["Tiering:Retention:KeepDays", "Tiering:Retention:Interval", "Tiering:Retention:BatchSize"],
            error.Failures.Select(f => f[..f.IndexOf(' ', StringComparison.Ordinal)]));
    }

    [Fact]
    public void ABadReviewDayAndANegativeCacheTimeAreNamed()
    {
        using var services = Registered(builder => builder.AddTiers(), ("Tiering:Review:DayOfMonth", "31"), ("Tiering:TableCacheTime", "-00:00:01"));

        var review = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ReviewSchedule>>().Value);
        var tiering = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<TieringOptions>>().Value);

        Assert.StartsWith("Tiering:Review:DayOfMonth", Assert.Single(review.Failures), StringComparison.Ordinal);
        Assert.StartsWith("Tiering:TableCacheTime", Assert.Single(tiering.Failures), StringComparison.Ordinal);
    }

    private static ServiceProvider Registered(Action<IHostApplicationBuilder> add, params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)));
        add(builder);
        return builder.Services.BuildServiceProvider();
    }
}
