extern alias TieringApp;

using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Confluent.Kafka;
using Google.Protobuf;
using Npgsql;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;
using Platform.Activity.Events;
using Platform.Gateway.Tests.Fuzz;
using Platform.Messaging;
using Platform.Messaging.Envelope;
using Platform.ServiceDefaults.Time;
using Platform.TestSupport.Processes;
using AccountApproved = TieringApp::Platform.Onboarding.Events.AccountApproved;

namespace Platform.Gateway.Tests.Infrastructure;

/// <summary>
/// What the real Tiering must know for its client routes to get past 404: the fuzz client (<see cref="ValidBodies.ClientId"/>)
/// approved, with assets that give it a tier, and the benefit the fuzz requests redeem
/// (<see cref="ValidBodies.PathValue"/>), active, within that tier and with a quota of one a year, so that a pass reaches
/// the redemption's insert, its idempotency on the key and the quota. The facts go to Tiering's own broker as Onboarding
/// and the gateway would publish them; the benefit goes through the gateway as an operator's.
/// </summary>
public static class TieringSeed
{
    /// <summary>Every day's total: V4 with DOMAIN.md's thresholds, well above the benefit's V2.</summary>
    private const long TotalAssets = 300_000;

    public static async Task SeedAsync(GatewayFactory gateway, string tieringBroker, string tieringDatabase)
    {
        var ct = TestContext.Current.CancellationToken;
        var clientId = ValidBodies.ClientId;
        var now = DateTimeOffset.UtcNow;
        List<Guid> published = [];
        using (var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = tieringBroker }).Build())
        {
            // A snapshot every day of the last five weeks: the window (20 trading days, whichever they are) holds only those.
            var today = ShanghaiTime.DateOf(now);
            for (var day = today.AddDays(-35); day <= today; day = day.AddDays(1))
            {
                var at = ShanghaiTime.StartOf(day).AddHours(16);
                published.Add(await PublishAsync(producer, Topics.ActivityEvents, clientId, new AssetsSnapshot
                {
                    ClientId = clientId, Date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), TotalAssets = new DecimalValue { Units = TotalAssets },
                    OccurredAt = Timestamp.FromDateTimeOffset(at),
                }, at < now ? at : now, ct));
            }

            // Approved now, after the latest monthly review: no review is due while the pass runs.
            published.Add(await PublishAsync(producer, Topics.OnboardingEvents, clientId,
                new AccountApproved { ClientId = clientId, OccurredAt = Timestamp.FromDateTimeOffset(now) }, now, ct));
        }

        using var operatorClient = await gateway.ClientAsAsync("operator", "ops-seed");
        using (var created = await operatorClient.PostAsJsonAsync("/v1/benefits", new
        {
            benefitId = ValidBodies.PathValue("benefitId"), name = "Fee waiver", kind = "service", minTier = "V2", quota = new { count = 1, period = "year" },
            active = true,
        }, ct))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        // Every event applied (the topics are consumed apart: the tier may show before the last snapshot is in), then the
        // tier's copy that the routes read.
        await ChildProcess.WaitUntilAsync(async () =>
        {
            await using var connection = new NpgsqlConnection(tieringDatabase);
            await connection.OpenAsync(ct);
            await using var handled = new NpgsqlCommand("SELECT count(DISTINCT event_id) FROM inbox_messages WHERE event_id = ANY($1)", connection)
            {
                Parameters = { new NpgsqlParameter<Guid[]> { TypedValue = [.. published] } },
            };
            if ((long)(await handled.ExecuteScalarAsync(ct))! < published.Count)
            {
                return false;
            }

            using var tier = await operatorClient.GetAsync($"/v1/clients/{clientId}/tier", ct);
            return tier.StatusCode == HttpStatusCode.OK
                && JsonDocument.Parse(await tier.Content.ReadAsStringAsync(ct)).RootElement.GetProperty("tier").GetString() == "V4";
        }, TimeSpan.FromSeconds(60), "Tiering applying the seeded facts and approving the fuzz client at V4");
    }

    private static async Task<Guid> PublishAsync(IProducer<string, byte[]> producer, string topic, string clientId, IMessage message,
        DateTimeOffset occurredAt, CancellationToken ct)
    {
        var envelope = EventEnvelope.Create(clientId, message, DateTimeOffset.UtcNow, occurredAt);
        await producer.ProduceAsync(topic, envelope.ToKafkaMessage(null, null), ct);
        return envelope.EventId;
    }
}
