using Xunit;

namespace Platform.TestSupport.Postgres;

/// <summary>One PostgreSQL server per test assembly (<c>[assembly: AssemblyFixture(typeof(PostgresFixture))]</c>); each test class makes its own database.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private PostgresServer? server;

    public PostgresServer Server => server ?? throw new InvalidOperationException("PostgreSQL has not started.");

    public async ValueTask InitializeAsync() => server = await PostgresServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}
