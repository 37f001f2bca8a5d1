using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;
using Platform.TestSupport.Services;

namespace Platform.Onboarding.Tests;

public sealed class OnboardingReadinessTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker)
    : ServiceReadinessTests<OnboardingDbContext>(postgres, redis, broker, "onboarding");
