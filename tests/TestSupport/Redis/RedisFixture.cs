using Xunit;

namespace Platform.TestSupport.Redis;

/// <summary>One Redis server per test assembly; tests use their own key prefixes or client ids.</summary>
public sealed class RedisFixture : IAsyncLifetime
{
    private RedisServer? server;

    public RedisServer Server => server ?? throw new InvalidOperationException("Redis has not started.");

    public async ValueTask InitializeAsync() => server = await RedisServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}
