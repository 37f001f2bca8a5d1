using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Npgsql;
using Platform.Bench.Common.Delivery;
using Platform.Messaging.Envelope;

namespace Platform.Bench.Content.Seeding;

/// <summary>
/// The clients' profiles as a deployment builds them: their onboarding and tiering events (<see cref="ClientModel"/>)
/// published on the topics Content consumes, handled by Content's own consumer, and their operator tags set through the
/// gateway (PUT /v1/clients/{id}/tags); then the wait until Content has handled every event and Redis holds every
/// invalidation (no feed_invalidations pending), so that the reads start on settled profiles.
/// </summary>
public static class ProfileSeeder
{
    private const int Parallel = 16;
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(30);

    public static async Task<ProfileSeed> SeedAsync(string bootstrapServers, Uri gateway, string operatorToken, string contentDb, int clients,
        Action<string> progress, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var byType = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var events = Enumerable.Range(0, clients).SelectMany(i => ClientModel.Events(i, now)).Select(e =>
        {
            var name = e.Message.Descriptor.Name;
            byType[name] = byType.GetValueOrDefault(name) + 1;
            return (e.Topic, EventEnvelope.Create(KeyOf(e.Message), e.Message, now));
        });
        var started = Stopwatch.StartNew();
        EventPublisher.Publish(bootstrapServers, events, cancellationToken);
        var published = started.Elapsed;
        var total = byType.Values.Sum();
        progress($"published {total:N0} events in {published.TotalSeconds:0.0} s; setting operator tags through the gateway");

        var tagged = await SetTagsAsync(gateway, operatorToken, clients, cancellationToken);
        var tagsTook = started.Elapsed - published;
        progress($"tagged {tagged:N0} clients in {tagsTook.TotalSeconds:0.0} s; waiting for Content to handle every event");
        await WaitSettledAsync(contentDb, total, progress, cancellationToken);
        return new ProfileSeed(clients, byType, tagged, published, tagsTook, started.Elapsed, await CountAsync(contentDb, "SELECT count(*) FROM client_profiles", cancellationToken));
    }

    /// <summary>Every event's client_id is its key: the envelope is keyed by client, as the services' relays key it.</summary>
    private static string KeyOf(Google.Protobuf.IMessage message) =>
        (string)message.Descriptor.FindFieldByName("client_id").Accessor.GetValue(message);

    private static async Task<int> SetTagsAsync(Uri gateway, string operatorToken, int clients, CancellationToken cancellationToken)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Parallel }) { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", operatorToken);
        var tagged = 0;
        await System.Threading.Tasks.Parallel.ForAsync(0, clients, new ParallelOptions { MaxDegreeOfParallelism = Parallel, CancellationToken = cancellationToken },
            async (i, token) =>
            {
                if (ClientModel.Tags(i) is not { } tags)
                {
                    return;
                }

                using var response = await http.PutAsJsonAsync($"/v1/clients/{ClientModel.ClientId(i)}/tags", new { tags }, token);
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"PUT tags of {ClientModel.ClientId(i)} answered {(int)response.StatusCode}: "
                        + await response.Content.ReadAsStringAsync(token));
                }

                Interlocked.Increment(ref tagged);
            });
        return tagged;
    }

    /// <summary>Until Content's inbox holds every published event and no invalidation waits for Redis.</summary>
    private static async Task WaitSettledAsync(string contentDb, long events, Action<string> progress, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        while (true)
        {
            var handled = await CountAsync(contentDb, "SELECT count(*) FROM inbox_messages", cancellationToken);
            if (handled >= events && await CountAsync(contentDb, "SELECT count(*) FROM feed_invalidations WHERE written_at IS NULL", cancellationToken) == 0)
            {
                return;
            }

            if (started.Elapsed > Deadline)
            {
                throw new TimeoutException($"Content handled {handled:N0} of {events:N0} events within {Deadline.TotalMinutes:0} min.");
            }

            if (started.Elapsed - lastReport > TimeSpan.FromSeconds(15))
            {
                lastReport = started.Elapsed;
                progress($"Content has handled {handled:N0} of {events:N0} events");
            }

            await Task.Delay(500, cancellationToken);
        }
    }

    private static async Task<long> CountAsync(string database, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}

/// <summary>The clients and the facts behind their profiles; the times are not figures of the benchmark.</summary>
public sealed record ProfileSeed(int Clients, IReadOnlyDictionary<string, long> EventsByType, int Tagged, TimeSpan PublishTook, TimeSpan TagsTook,
    TimeSpan Elapsed, long Profiles);
