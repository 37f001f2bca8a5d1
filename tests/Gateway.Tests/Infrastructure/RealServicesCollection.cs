namespace Platform.Gateway.Tests.Infrastructure;

/// <summary>The test classes that share one <see cref="RealServicesFixture"/> (starting it takes seconds); they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class RealServicesCollection : ICollectionFixture<RealServicesFixture>
{
    public const string Name = "real services";
}
