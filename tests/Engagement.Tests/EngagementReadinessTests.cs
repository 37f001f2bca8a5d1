using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;
using Platform.TestSupport.Services;

namespace Platform.Engagement.Tests;

public sealed class EngagementReadinessTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker)
    : ServiceReadinessTests<EngagementDbContext>(postgres, redis, broker, "engagement");
