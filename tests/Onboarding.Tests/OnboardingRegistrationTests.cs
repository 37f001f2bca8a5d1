using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Messaging.Outbox;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;

namespace Platform.Onboarding.Tests;

/// <summary>How the service is put together: ServiceDefaults stays generic, and the service adds messaging itself.</summary>
public sealed class OnboardingRegistrationTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker)
{
    [Fact]
    public void ServiceDefaultsDoesNotDependOnMessaging()
    {
        var references = typeof(ServiceDefaultsExtensions).Assembly.GetReferencedAssemblies().Select(a => a.Name);

        Assert.DoesNotContain(typeof(OutboxSignal).Assembly.GetName().Name, references);
    }

    [Fact]
    public async Task EveryCommitOfTheServicesDatabaseWakesItsOutboxRelay()
    {
        await using var service = await OnboardingHost.StartAsync(postgres, redis, broker);
        await using var scope = service.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OnboardingDbContext>();

        var interceptors = db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors ?? [];

        Assert.Same(service.Services.GetRequiredService<OutboxSignal>(), Assert.Single(interceptors.OfType<OutboxSignal>()));
    }
}
