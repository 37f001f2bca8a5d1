extern alias ContentApp;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Time.Testing;
using Platform.Engagement.Channels;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Processes;
using Platform.TestSupport.Redis;
using Platform.TestSupport.Services;
using ContentDbContext = ContentApp::Platform.Content.ContentDbContext;
using ContentExtensions = ContentApp::Platform.Content.ContentExtensions;

namespace Platform.Engagement.Tests.Outreach;

/// <summary>
/// Engagement replicas on ONE database (so one consumer group per topic, one outbox, one delivery queue) asking one real
/// Content for words, on real PostgreSQL, Redis and DevBroker and one fake clock set to a Shanghai afternoon (no quiet
/// hours). Each replica gets its own provider for push and SMS and, optionally, a handler in front of Content (a call that
/// hangs). The database copies every OutreachDecided its outbox is given (<see cref="OutreachLedger"/>).
/// </summary>
public sealed class OutreachReplicas(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker, string name) : IAsyncDisposable
{
    /// <summary>The decision lease: long on purpose, so that a clock moved while a round runs never takes a live replica's instances.</summary>
    public static readonly TimeSpan DecisionLease = TimeSpan.FromMinutes(5);

    public static readonly TimeSpan DeliveryLease = TimeSpan.FromMinutes(5);

    private const string ContentHost = "content.test";
    private readonly List<ServiceFactory<EngagementDbContext>> started = [];
    private readonly HashSet<ServiceFactory<EngagementDbContext>> stopped = [];
    private ServiceFactory<ContentDbContext>? content;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 7, 6, 0, 0, TimeSpan.Zero));

    public string Database { get; } = postgres.Server.NewDatabaseConnectionString(name + "-engagement");

    public string BootstrapServers => broker.BootstrapServers;

    /// <summary>
    /// Starts a replica. <paramref name="beforeContent"/>, when given, sits in front of Content and hangs its calls until
    /// the replica stops; a small decision batch makes the replicas' rounds interleave.
    /// </summary>
    public async Task<ServiceFactory<EngagementDbContext>> StartAsync(IChannelAdapter adapter, HangingContent? beforeContent = null)
    {
        content ??= await ServiceHosts.StartAsync<ContentDbContext>(ContentExtensions.DatabaseName,
            postgres.Server.NewDatabaseConnectionString(name + "-content"), redis.Server.ConnectionString, broker.BootstrapServers);
        var contentServer = content.Server;
        var replica = await ServiceHosts.StartAsync<EngagementDbContext>(EngagementExtensions.DatabaseName, Database, redis.Server.ConnectionString,
            broker.BootstrapServers, Clock,
            new Dictionary<string, string?>
            {
                ["services:content:grpc:0"] = $"http://{ContentHost}",
                ["Engagement:Decisions:BatchSize"] = "20",
                ["Engagement:Decisions:Lease"] = DecisionLease.ToString(),
                // gRPC deadlines are wall-clock times computed from the (fake) business clock: a long one never cuts a test's call short.
                ["Engagement:Decisions:ContentDeadline"] = "00:01:00",
                ["Engagement:Delivery:Lease"] = DeliveryLease.ToString(),
            },
            services =>
            {
                services.AddSingleton(adapter);
                services.ConfigureAll<HttpClientFactoryOptions>(options => options.HttpMessageHandlerBuilderActions.Add(handlers =>
                {
                    HttpMessageHandler inMemory = new InMemoryServices(new Dictionary<string, Microsoft.AspNetCore.TestHost.TestServer> { [ContentHost] = contentServer });
                    if (beforeContent?.NewHandler() is { } gate)
                    {
                        gate.InnerHandler = inMemory;
                        inMemory = gate;
                    }

                    handlers.PrimaryHandler = inMemory;
                }));
            });
        started.Add(replica);
        if (started.Count == 1)
        {
            await OutreachLedger.RememberDecisionsAsync(replica.Services);
        }

        return replica;
    }

    /// <summary>Until <paramref name="probe"/> holds on the database, moving the clock 2 s per look (the workers pause on it).</summary>
    public Task UntilAsync(Func<EngagementDbContext, Task<bool>> probe, string what, bool moveClock = true) =>
        ChildProcess.WaitUntilAsync(async () =>
        {
            if (await WithDbAsync(probe))
            {
                return true;
            }

            if (moveClock)
            {
                Clock.Advance(TimeSpan.FromSeconds(2));
            }

            return false;
        }, TimeSpan.FromSeconds(120), what);

    /// <summary>Runs <paramref name="work"/> on a context of the database (through a replica still running).</summary>
    public async Task<T> WithDbAsync<T>(Func<EngagementDbContext, Task<T>> work)
    {
        var replica = started.LastOrDefault(r => !stopped.Contains(r)) ?? throw new InvalidOperationException("No replica is running.");
        using var scope = replica.Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<EngagementDbContext>());
    }

    /// <summary>Stops a replica as a crash would leave it: whatever it had leased stays leased.</summary>
    public async Task StopAsync(ServiceFactory<EngagementDbContext> replica)
    {
        stopped.Add(replica);
        await replica.DisposeAsync();
    }

    /// <summary>Until no outbox row of the clients is left: what they wrote is on the broker.</summary>
    public Task PublishedAsync(IReadOnlyCollection<string> clients) =>
        UntilAsync(async db => await db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM outbox_messages WHERE message_key = ANY({clients.ToArray()})")
            .SingleAsync() == 0, "the clients' outbox published", moveClock: false);

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in started.Where(r => !stopped.Contains(r)))
        {
            await replica.DisposeAsync();
        }

        if (content is not null)
        {
            await content.DisposeAsync();
        }
    }
}
