using Platform.TestSupport.Redis;

[assembly: AssemblyFixture(typeof(RedisFixture))]
