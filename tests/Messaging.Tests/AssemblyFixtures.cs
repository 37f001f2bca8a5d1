using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;

[assembly: AssemblyFixture(typeof(PostgresFixture))]
[assembly: AssemblyFixture(typeof(DevBrokerFixture))]
