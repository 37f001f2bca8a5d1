using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;
using Platform.TestSupport.Services;

namespace Platform.Content.Tests;

public sealed class ContentReadinessTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker)
    : ServiceReadinessTests<ContentDbContext>(postgres, redis, broker, "content");
