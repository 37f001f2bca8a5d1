namespace Platform.AppHost.Local;

/// <summary>
/// <c>redis-server</c> from the OS, run by the app host in local mode. Connection string:
/// <c>127.0.0.1:&lt;port&gt;</c> (StackExchange.Redis format).
/// </summary>
internal sealed class RedisServerResource(string name, string dataDir)
    : ExecutableResource(name, "redis-server", dataDir), IResourceWithConnectionString
{
    internal const string PrimaryEndpointName = "tcp";

    private EndpointReference? _primaryEndpoint;

    public EndpointReference PrimaryEndpoint => _primaryEndpoint ??= new(this, PrimaryEndpointName);

    public string DataDir { get; } = dataDir;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"{PrimaryEndpoint.Property(EndpointProperty.IPV4Host)}:{PrimaryEndpoint.Property(EndpointProperty.Port)}");
}
