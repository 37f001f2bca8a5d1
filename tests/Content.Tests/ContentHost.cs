using Platform.TestSupport.Auth;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;
using Platform.TestSupport.Services;

namespace Platform.Content.Tests;

/// <summary>One Content service on a database of its own (real PostgreSQL, Redis and DevBroker), with clients per role.</summary>
public sealed class ContentHost(ServiceFactory<ContentDbContext> service) : IAsyncDisposable
{
    public ServiceFactory<ContentDbContext> Service { get; } = service;

    public Grpc.CatalogService.CatalogServiceClient Catalog { get; } = new(service.CreateGrpcChannel(TestTokens.Operator()));

    public Grpc.AudienceService.AudienceServiceClient Audience { get; } = new(service.CreateGrpcChannel(TestTokens.Operator()));

    public Grpc.SelectionService.SelectionServiceClient Selection { get; } = new(service.CreateGrpcChannel(TestTokens.System()));

    public Grpc.ExperimentService.ExperimentServiceClient Experiments { get; } = new(service.CreateGrpcChannel(TestTokens.Operator()));

    /// <summary>Conversions as a core system reports them.</summary>
    public Grpc.ConversionService.ConversionServiceClient Conversions { get; } = new(service.CreateGrpcChannel(TestTokens.System()));

    /// <summary>The feed as the client itself reads it (its own token).</summary>
    public Grpc.FeedService.FeedServiceClient FeedOf(string clientId) => new(Service.CreateGrpcChannel(TestTokens.Client(clientId)));

    public static async Task<ContentHost> StartAsync(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker, string name) =>
        new(await ServiceHosts.StartAsync<ContentDbContext>(ContentExtensions.DatabaseName,
            postgres.Server.NewDatabaseConnectionString(name), redis.Server.ConnectionString, broker.BootstrapServers));

    public ValueTask DisposeAsync() => Service.DisposeAsync();
}
