using Microsoft.Extensions.DependencyInjection;
using Platform.Content.Grpc;
using Platform.Content.Targeting;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;
using Platform.TestSupport.Services;

namespace Platform.Content.Tests.Feed;

/// <summary>
/// The suitability rule as a stateful property on a real Content (PostgreSQL, DevBroker, a Redis of its own, its retry
/// loop running): random reassessments up and down, feed reads, outreach selections naming a random product, and spells
/// of Redis refusing writes, with an experiment running over two R4 products. At every read, nothing that carries a risk
/// above the client's tolerance of that moment is served, from a cached copy or from the database, and no outreach is
/// carried by rated words above it or names such a product (review findings 16 of the first review, 11 and 12 of the
/// second, 8 of the third). One replica, one DevBroker log.
/// </summary>
public sealed class SuitabilityOverTimeTests(PostgresFixture postgres, DevBrokerFixture broker) : IAsyncLifetime
{
    private const int Operations = 80;
    private static readonly string[] Levels = ["C1", "C2", "C3", "C4", "C5"];

    private RedisServer redis = null!;
    private ContentHost host = null!;

    public async ValueTask InitializeAsync()
    {
        redis = await RedisServer.StartAsync();
        host = new ContentHost(await ServiceHosts.StartAsync<ContentDbContext>(ContentExtensions.DatabaseName,
            postgres.Server.NewDatabaseConnectionString("suitability"), redis.ConnectionString, broker.BootstrapServers,
            settings: new Dictionary<string, string?> { ["Content:Feed:InvalidationRetryInterval"] = "00:00:00.250" }));
        foreach (var risk in new[] { 1, 2, 3, 4, 5 })
        {
            await host.Catalog.CreateItemAsync(new ContentItem
            {
                ItemId = $"prop-r{risk}", Kind = "product", Risk = $"R{risk}", Title = $"Fund R{risk}", Body = "A fund", Priority = 90 + risk,
            });
        }

        // Arms alike (same risk and priority), so the experiment's gate is on every feed read's path.
        foreach (var arm in new[] { "prop-arm-a", "prop-arm-b" })
        {
            await host.Catalog.CreateItemAsync(new ContentItem { ItemId = arm, Kind = "product", Risk = "R4", Title = "Arm", Body = "A fund", Priority = 89 });
        }

        await host.Experiments.CreateExperimentAsync(new Experiment
        {
            Key = "prop-arms", Status = "running", ConversionWindow = "P7D",
            Variants = { new Variant { Name = "control", Weight = 1, ItemId = "prop-arm-a" }, new Variant { Name = "b", Weight = 1, ItemId = "prop-arm-b" } },
        });
        // Outreach words: rated ones first (a service about trading), so that words above the client's tolerance are on
        // every outreach's path, whether the named product may be named or not; last, words of no risk of their own.
        foreach (var (itemId, risk, body, priority) in Carriers)
        {
            await host.Catalog.CreateItemAsync(new ContentItem
            {
                ItemId = itemId, Kind = "service", Risk = risk, Title = "News", Body = body, Moments = { "M94" }, Channels = { "inbox" }, Priority = priority,
            });
        }
    }

    private static readonly (string ItemId, string Risk, string Body, int Priority)[] Carriers =
    [
        ("prop-m94-r4", "R4", "{{productName}} news for traders", 80),
        ("prop-m94-trading", "R4", "Markets moved today", 70),
        ("prop-m94-r2", "R2", "{{productName}} news", 60),
        ("prop-m94-inbox", "", "{{productName}} news", 0),
    ];

    public async ValueTask DisposeAsync()
    {
        await host.DisposeAsync();
        await redis.DisposeAsync();
    }

    [Fact]
    public async Task NoReadOrOutreachServesAnythingAboveTheClientsToleranceOfThatMoment()
    {
        var seed = Environment.GetEnvironmentVariable("CONTENT_PROPERTY_SEED") is { } fixedSeed ? int.Parse(fixedSeed, System.Globalization.CultureInfo.InvariantCulture) : Random.Shared.Next();
        var random = new Random(seed);
        // Every risk an item carries, the seeded catalogue's included (products, and a service or campaign about trading).
        var items = (await host.Catalog.ListItemsAsync(new ListItemsRequest())).Items;
        var risks = items.Where(i => i.Risk.Length > 0)
            .ToDictionary(i => i.ItemId, i => RiskScale.TryParseProductRisk(i.Risk, out var risk) ? risk : throw new InvalidOperationException(i.Risk));
        string[] products = [.. items.Where(i => i.Kind == "product").Select(i => i.ItemId)];
        string[] clients = [.. Enumerable.Range(0, 3).Select(i => $"prop-{seed}-{i}")];
        var tolerance = clients.ToDictionary(c => c, _ => (int?)null);
        var history = new List<string>();
        var (refusing, cachedReads, readsWhileRefusing) = (false, 0, 0);
        var prefix = StoredFeedCopies.KeyPrefixOf(host);
        try
        {
            for (var step = 0; step < Operations; step++)
            {
                var client = clients[random.Next(clients.Length)];
                var dice = random.Next(100);
                if (dice < 30)
                {
                    var level = Levels[random.Next(Levels.Length)];
                    history.Add($"{client} assessed {level}");
                    await Assessments.PublishAndWaitAsync(broker, host, client, level);
                    tolerance[client] = level[1] - '0';
                }
                else if (dice < 40)
                {
                    refusing = !refusing;
                    history.Add(refusing ? "Redis refuses writes" : "Redis accepts writes");
                    await RedisWrites.RefuseAsync(redis, refusing);
                }
                else if (dice < 55)
                {
                    var product = products[random.Next(products.Length)];
                    var outreach = await host.Selection.SelectContentAsync(new SelectContentRequest
                    {
                        ClientId = client, Moment = "M94", Channel = "inbox", ProductItemId = product,
                    });
                    history.Add($"{client} outreach about {product} ({(outreach.Found ? $"sent {outreach.Item.ItemId}" : outreach.Reason)})");
                    // Neither the words nor the product they name may be above the client's tolerance.
                    var carrier = outreach.Item?.ItemId;
                    Assert.True(!outreach.Found || Suitability.Allows(risks.TryGetValue(carrier!, out var carrierRisk) ? carrierRisk : null, tolerance[client]),
                        $"seed {seed}: {client} at tolerance {tolerance[client]} was sent {carrier} after:\n{string.Join("\n", history)}");
                    Assert.True(!outreach.Found || !Carriers.Any(c => c.ItemId == carrier && c.Body.Contains("{{productName}}", StringComparison.Ordinal))
                        || Suitability.Allows(risks[product], tolerance[client]),
                        $"seed {seed}: {client} at tolerance {tolerance[client]} was sent words about {product} after:\n{string.Join("\n", history)}");
                }
                else
                {
                    var cached = await StoredFeedCopies.GetAsync(redis.ConnectionString, prefix, client) is { Copy.Invalidated: false };
                    var feed = await host.FeedOf(client).GetFeedAsync(new FeedRequest { ClientId = client, Limit = 100 });
                    history.Add($"{client} read (a copy was {(cached ? "" : "not ")}cached)");
                    (cachedReads, readsWhileRefusing) = (cachedReads + (cached ? 1 : 0), readsWhileRefusing + (refusing ? 1 : 0));
                    var unsuitable = feed.Items.Where(i => !Suitability.Allows(risks.TryGetValue(i.ItemId, out var risk) ? risk : null, tolerance[client]))
                        .Select(i => i.ItemId).ToList();
                    Assert.True(unsuitable.Count == 0,
                        $"seed {seed}: {client} at tolerance {tolerance[client]} was served {string.Join(", ", unsuitable)} after:\n{string.Join("\n", history)}");
                }
            }
        }
        finally
        {
            await RedisWrites.RefuseAsync(redis, refuse: false);
        }

        // The property must have been tried where it can break: on cached copies.
        Assert.True(cachedReads > 0, $"seed {seed}: no read found a cached copy");
    }
}
