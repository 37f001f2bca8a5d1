using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;

[assembly: AssemblyFixture(typeof(RedisFixture))]
[assembly: AssemblyFixture(typeof(PostgresFixture))]
