using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.DependencyInjection;
using Platform.Content.Grpc;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;

namespace Platform.Content.Tests.Experiments;

/// <summary>A Content host with the items experiments are made of, and the calls the experiment tests repeat.</summary>
public sealed class ExperimentScenario(ContentHost host) : IAsyncDisposable
{
    public static readonly string[] Items = ["welcome-a", "welcome-b", "welcome-c", "tips-a", "tips-b"];

    public ContentHost Host { get; } = host;

    public static async Task<ExperimentScenario> StartAsync(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker, string name)
    {
        var host = await ContentHost.StartAsync(postgres, redis, broker, name);
        foreach (var item in Items)
        {
            await host.Catalog.CreateItemAsync(Item(item));
        }

        return new ExperimentScenario(host);
    }

    /// <summary>A plain feature item; arms made of these reach the same clients.</summary>
    public static ContentItem Item(string itemId) => new() { ItemId = itemId, Kind = "feature", Title = itemId, Body = "Welcome", Priority = 50 };

    public static Experiment Welcome(int controlWeight = 50, int bWeight = 50, string status = "running", string key = "welcome-copy",
        string control = "welcome-a", string b = "welcome-b") => new()
    {
        Key = key, Status = status, ConversionWindow = "P7D",
        Variants = { new Variant { Name = "control", Weight = controlWeight, ItemId = control }, new Variant { Name = "b", Weight = bWeight, ItemId = b } },
    };

    public async Task<string[]> FeedAsync(string clientId) =>
        [.. (await Host.FeedOf(clientId).GetFeedAsync(new FeedRequest { ClientId = clientId })).Items.Select(i => i.ItemId)];

    /// <summary>A conversion as a core system reports it (its occurredAt is taken as sent).</summary>
    public Task<ConversionReply> ConvertAsync(string clientId, DateTimeOffset at, Guid? eventId = null, string experimentKey = "welcome-copy") =>
        Host.Conversions.RecordConversionAsync(new ConversionRequest
        {
            EventId = (eventId ?? Guid.NewGuid()).ToString(), ClientId = clientId, ExperimentKey = experimentKey, OccurredAt = Timestamp.FromDateTimeOffset(at),
        }).ResponseAsync;

    public async Task<ExperimentResults> ResultsAsync(string key = "welcome-copy") =>
        await Host.Experiments.GetResultsAsync(new GetExperimentRequest { Key = key });

    /// <summary>Replaces the experiment with <paramref name="changed"/> at its current version.</summary>
    public async Task<Experiment> UpdateAsync(Experiment changed)
    {
        changed.Version = (await Host.Experiments.GetExperimentAsync(new GetExperimentRequest { Key = changed.Key })).Version;
        return await Host.Experiments.UpdateExperimentAsync(changed);
    }

    /// <summary>A database context of the host, for what the API does not show (assignment rows).</summary>
    public async Task<T> WithDatabaseAsync<T>(Func<ContentDbContext, Task<T>> read)
    {
        using var scope = Host.Service.Services.CreateScope();
        return await read(scope.ServiceProvider.GetRequiredService<ContentDbContext>());
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
