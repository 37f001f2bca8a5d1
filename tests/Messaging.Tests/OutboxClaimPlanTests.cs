using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Platform.Messaging.Outbox;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Processes;

namespace Platform.Messaging.Tests;

/// <summary>
/// The outbox is a queue: under load most of its heap is rows the relay already deleted, which stay until autovacuum
/// (a minute apart by default) and whose pages stay allocated after it. A claim must read the head of the queue
/// through the primary key, whatever that heap holds; reading and sorting the whole heap cost the Onboarding
/// benchmark a fifth of a core.
/// </summary>
public sealed class OutboxClaimPlanTests(PostgresFixture postgres)
{
    /// <remarks>
    /// Rounds that retry failing rows (seconds apart, only while a row fails) may still read the heap: they look for
    /// failing rows anywhere in the queue.
    /// </remarks>
    [Fact]
    public async Task AClaimReadsTheHeadOfTheQueueNotTheRowsTheRelayDeleted()
    {
        await using var host = await TestHost.StartAsync(await postgres.Server.CreateDatabaseAsync("claimplan"), "127.0.0.1:1",
            new Dictionary<string, string?> { ["Worker:Relay"] = "false" });
        var pages = await host.WithDbAsync(async db =>
        {
            // Analysed while the queue was empty (as autovacuum does on a quiet start), then 40,000 events, all but the
            // newest 200 delivered and deleted and not yet vacuumed: the statistics say "no rows", the heap holds
            // 40,000 and keeps every page.
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await connection.OpenAsync();
            // Autovacuum stays off this table: its ANALYZE of the 40,000 new rows holds a snapshot, and while any snapshot
            // older than the deletions is open no claim may mark the deleted rows dead in the index, so every claim would
            // step over all of them (the CI run of 68b866e read 1,945 blocks of a 1,429-page heap). The scenario is the
            // minute before autovacuum's visit; what it does on its visit is OutboxVacuumTests' subject.
            await using (var analyse = new NpgsqlCommand(
                $"ALTER TABLE {MessagingModelBuilderExtensions.OutboxTable} SET (autovacuum_enabled = off); ANALYZE {MessagingModelBuilderExtensions.OutboxTable}", connection))
            {
                await analyse.ExecuteNonQueryAsync();
            }

            await using (var fill = new NpgsqlCommand($"""
                BEGIN;
                INSERT INTO {MessagingModelBuilderExtensions.OutboxTable}
                    (event_id, topic, message_key, event_type, schema_version, occurred_at, payload, created_at, attempts)
                SELECT gen_random_uuid(), 'claim-plan', 'c-' || (i % 500), 'CounterIncremented', 1, now(), decode(repeat('ab', 150), 'hex'), now(), 0
                FROM generate_series(1, 40000) AS i;
                DELETE FROM {MessagingModelBuilderExtensions.OutboxTable} WHERE id <= (SELECT max(id) - 200 FROM {MessagingModelBuilderExtensions.OutboxTable});
                SELECT pg_current_xact_id()::text::bigint;
                COMMIT;
                """, connection))
            {
                var deletedBy = (long)(await fill.ExecuteScalarAsync())!;
                // A claim marks a deleted row dead in the index only once no transaction older than the deletion is open
                // anywhere on the server: until then a snapshot may still see the row. Other test classes' transactions
                // (in other databases) are open now and then; they are short, so the first claim waits for them to end,
                // as the relay's next claim would. (The CI run of 737f4fa read 1,836 blocks without this.)
                await ChildProcess.WaitUntilAsync(async () =>
                {
                    await using var horizon = new NpgsqlCommand("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint", connection);
                    return (long)(await horizon.ExecuteScalarAsync())! > deletedBy;
                }, TimeSpan.FromSeconds(60), "every transaction older than the deletions to end");
            }

            await using var size = new NpgsqlCommand($"SELECT pg_relation_size('{MessagingModelBuilderExtensions.OutboxTable}') / 8192", connection);
            return (long)(await size.ExecuteScalarAsync())!;
        });

        // The first claim after the deletions visits each deleted row once and marks it dead in the index (each
        // deleted row costs one such visit, once); every later claim pays only for the queue's head.
        await ExplainClaimAsync(host);
        var (claimed, blocksRead) = await ExplainClaimAsync(host);

        Assert.Equal(100, claimed);
        Assert.True(pages > 500, $"the heap kept its pages ({pages})");
        // The 100 rows claimed are a few pages of index and heap, plus a lock per row; the heap is hundreds of pages.
        Assert.True(blocksRead < pages / 2, $"the claim read {blocksRead} blocks of a {pages}-page heap");
    }

    /// <summary>Runs the claim as the relay sends it (its planner setting included), its SELECT explained: rows claimed and blocks touched.</summary>
    private static Task<(long Claimed, long Blocks)> ExplainClaimAsync(TestHost host) =>
        host.WithDbAsync(async db =>
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            var claim = OutboxStore.ClaimText(retryFailing: false);
            var select = claim.IndexOf("SELECT", StringComparison.Ordinal);
            await using var explain = new NpgsqlCommand(claim[..select] + "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + claim[select..], connection, transaction);
            explain.Parameters.AddWithValue("limit", 100);
            explain.Parameters.AddWithValue("held_heads", NpgsqlDbType.Array | NpgsqlDbType.Bigint, Array.Empty<long>());
            explain.Parameters.AddWithValue("held_streams", NpgsqlDbType.Array | NpgsqlDbType.Text, Array.Empty<string>());
            using var plan = JsonDocument.Parse((string)(await explain.ExecuteScalarAsync())!);
            var top = plan.RootElement[0].GetProperty("Plan");
            return (top.GetProperty("Actual Rows").GetInt64(), Blocks(top));
        });

    /// <summary>The blocks the plan's scans touched (hit or read), the lock rows' own included.</summary>
    private static long Blocks(JsonElement node) =>
        node.GetProperty("Shared Hit Blocks").GetInt64() + node.GetProperty("Shared Read Blocks").GetInt64();
}
