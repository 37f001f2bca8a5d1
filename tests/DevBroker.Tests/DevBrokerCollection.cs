using Platform.TestSupport.Kafka;

namespace Platform.DevBroker.Tests;

[CollectionDefinition(nameof(DevBrokerCollection))]
public sealed class DevBrokerCollection : ICollectionFixture<DevBrokerFixture>;
