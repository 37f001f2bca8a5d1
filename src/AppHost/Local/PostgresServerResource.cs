namespace Platform.AppHost.Local;

/// <summary>
/// PostgreSQL from the OS, run by the app host in local mode through <c>postgres.sh</c>
/// (initdb on first start, runs as the <c>postgres</c> user, fast shutdown on stop).
/// Trust authentication for user <c>postgres</c> on a loopback port; each service creates its
/// own database at start.
/// </summary>
internal sealed class PostgresServerResource(string name, string dataDir)
    : ExecutableResource(name, "bash", dataDir), IResourceWithConnectionString
{
    internal const string PrimaryEndpointName = "tcp";

    private EndpointReference? _primaryEndpoint;

    public EndpointReference PrimaryEndpoint => _primaryEndpoint ??= new(this, PrimaryEndpointName);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={PrimaryEndpoint.Property(EndpointProperty.IPV4Host)};Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Username=postgres");
}
