using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;
using Platform.TestSupport.Services;

namespace Platform.Tiering.Tests;

public sealed class TieringReadinessTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker)
    : ServiceReadinessTests<TieringDbContext>(postgres, redis, broker, "tiering");
