extern alias ContentApp;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Time.Testing;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Processes;
using Platform.TestSupport.Redis;
using Platform.TestSupport.Services;
using ContentDbContext = ContentApp::Platform.Content.ContentDbContext;
using ContentExtensions = ContentApp::Platform.Content.ContentExtensions;

namespace Platform.Engagement.Tests.Outreach;

/// <summary>
/// The real Engagement on a fake clock asking the real Content (in memory) for words, each on a database of its own
/// (named after the test), on real PostgreSQL, Redis and DevBroker: the pipeline tests' hosts.
/// </summary>
/// <param name="ContentCalls">A hook on Engagement's calls to Content.</param>
public sealed record PipelineHosts(
    ServiceFactory<ContentDbContext> Content, ServiceFactory<EngagementDbContext> Engagement, ContentCallHook ContentCalls, FakeTimeProvider Clock)
    : IAsyncDisposable
{
    private const string ContentHost = "content.test";

    public static async Task<PipelineHosts> StartAsync(string name, PostgresFixture postgres, RedisFixture redis, string kafka, FakeTimeProvider clock)
    {
        var content = await ServiceHosts.StartAsync<ContentDbContext>(ContentExtensions.DatabaseName, postgres.Server.NewDatabaseConnectionString($"{name}-content"),
            redis.Server.ConnectionString, kafka);
        var hook = new ContentCallHook();
        var engagement = await ServiceHosts.StartAsync<EngagementDbContext>(EngagementExtensions.DatabaseName,
            postgres.Server.NewDatabaseConnectionString($"{name}-engagement"), redis.Server.ConnectionString, kafka, clock,
            new Dictionary<string, string?> { ["services:content:grpc:0"] = $"http://{ContentHost}" },
            services => services.ConfigureAll<HttpClientFactoryOptions>(options => options.HttpMessageHandlerBuilderActions.Add(handlers =>
                handlers.PrimaryHandler = hook.Around(
                    new InMemoryServices(new Dictionary<string, Microsoft.AspNetCore.TestHost.TestServer> { [ContentHost] = content.Server })))));
        return new PipelineHosts(content, engagement, hook, clock);
    }

    /// <summary>Until <paramref name="ready"/> holds in Engagement's database, the clock moving 5 s a try (the workers pause on it).</summary>
    public Task WhenAsync(Func<EngagementDbContext, Task<bool>> ready, string what) =>
        ChildProcess.WaitUntilAsync(async () =>
        {
            using var scope = Engagement.Services.CreateScope();
            if (await ready(scope.ServiceProvider.GetRequiredService<EngagementDbContext>()))
            {
                return true;
            }

            Clock.Advance(TimeSpan.FromSeconds(5));
            return false;
        }, TimeSpan.FromSeconds(90), what);

    public async Task WithDbAsync(Func<EngagementDbContext, Task> work)
    {
        using var scope = Engagement.Services.CreateScope();
        await work(scope.ServiceProvider.GetRequiredService<EngagementDbContext>());
    }

    public async ValueTask DisposeAsync()
    {
        await Engagement.DisposeAsync();
        await Content.DisposeAsync();
    }
}
