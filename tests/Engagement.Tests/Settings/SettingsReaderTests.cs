using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Platform.Engagement.Settings;

namespace Platform.Engagement.Tests.Settings;

public sealed class SettingsReaderTests
{
    [Fact]
    public async Task AnOlderVersionArrivingAfterANewerOneDoesNotReplaceIt()
    {
        // Two PUTs answered here finish in the other order: the reader keeps the newer. No database: both are remembered.
        using var provider = new ServiceCollection().BuildServiceProvider();
        using var reader = new SettingsReader(provider.GetRequiredService<IServiceScopeFactory>(),
            Options.Create(new SettingsOptions { CacheTime = TimeSpan.FromHours(1) }), new FakeTimeProvider(DateTimeOffset.UtcNow));
        var settings = SettingsSpec.Parse(SettingsDefaults.Spec()).Settings!;

        reader.Remember(new CurrentSettings(3, settings, DateTimeOffset.UtcNow));
        reader.Remember(new CurrentSettings(2, settings, DateTimeOffset.UtcNow));

        Assert.Equal(3, (await reader.GetCurrentAsync(TestContext.Current.CancellationToken)).Version);
    }
}
