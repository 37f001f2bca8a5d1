using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.Engagement.Migrations;
using Platform.Engagement.Rules;
using Platform.Engagement.Tests.Lifecycle;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;

namespace Platform.Engagement.Tests.Rules;

/// <summary>
/// The KeyMomentSignals and FirstDepositAndInvestment migrations on a database seeded before them: a moment still as seeded becomes the new seed as version 2
/// (the old one kept as version 1), an operator's edit of a moment stays the operator's, and a second run changes nothing.
/// </summary>
public sealed class RuleReseedTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker)
{
    [Fact]
    public async Task AnUntouchedSeededMomentBecomesTheNewSeedAndAnOperatorsEditIsKept()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var service = await LifecycleHost.StartAsync(postgres, redis, broker, new FakeTimeProvider(LifecycleHost.T0));
        using var scope = service.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EngagementDbContext>();
        // As an older database holds them: M09 as the earlier seed put it, M17 edited by an operator (version 2).
        await db.Database.ExecuteSqlRawAsync("""
            UPDATE rules SET definition = jsonb_set(definition, '{{name}}', '"idle cash, earlier seed"') WHERE key = 'M09';
            UPDATE rule_versions SET definition = jsonb_set(definition, '{{name}}', '"idle cash, earlier seed"') WHERE key = 'M09';
            UPDATE rules SET definition = jsonb_set(definition, '{{name}}', '"operator''s transfer-out"'), version = 2, updated_at = now() WHERE key = 'M17';
            """, ct);
        var at = new DateTimeOffset(2026, 12, 6, 17, 6, 30, TimeSpan.Zero);

        await RunTwiceAsync(db, RuleSeedSql.Reseed(at, "M09", "M10", "M16", "M17"), ct);

        var rules = await db.Rules.AsNoTracking().Where(r => r.Key == "M09" || r.Key == "M16" || r.Key == "M17").ToDictionaryAsync(r => r.Key, ct);
        var seed = RuleSeedSql.Rules().ToDictionary(r => r.Key);
        Assert.Equal((2, at), (rules["M09"].Version, rules["M09"].UpdatedAt));
        Assert.Equal(RuleWire.ToGrpc(seed["M09"]).Schedule, RuleWire.FromStored(rules["M09"].Definition, 2, at).Schedule);
        Assert.Equal([1, 2], await db.RuleVersions.Where(v => v.Key == "M09").Select(v => v.Version).OrderBy(v => v).ToListAsync(ct));
        // Already the current seed: nothing to change.
        Assert.Equal(1, rules["M16"].Version);
        Assert.Equal((2, "operator's transfer-out"), (rules["M17"].Version, RuleWire.FromStored(rules["M17"].Definition, 2, at).Name));
    }

    [Fact]
    public async Task TheFirstMomentsMigrationGivesAnUntouchedM06ItsFirstDepositConditionAndKeepsAnOperatorsM08()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var service = await LifecycleHost.StartAsync(postgres, redis, broker, new FakeTimeProvider(LifecycleHost.T0));
        using var scope = service.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EngagementDbContext>();
        // As an older database holds them: M06 as the earlier seed put it (no condition: any deposit), M08 edited by an operator.
        await db.Database.ExecuteSqlRawAsync("""
            UPDATE rules SET definition = definition - 'conditions', version = 1, updated_at = '2026-12-06T00:00:00Z' WHERE key = 'M06';
            DELETE FROM rule_versions WHERE key = 'M06' AND version > 1;
            UPDATE rule_versions SET definition = definition - 'conditions' WHERE key = 'M06';
            UPDATE rules SET definition = (definition - 'conditions') || '{{"name": "operator''s first trade"}}', version = 2, updated_at = now() WHERE key = 'M08';
            """, ct);
        // The migration's own SQL.
        await RunTwiceAsync(db, Assert.IsType<SqlOperation>(Assert.Single(new FirstDepositAndInvestment().UpOperations)).Sql, ct);

        var rules = await db.Rules.AsNoTracking().Where(r => r.Key == "M06" || r.Key == "M08").ToDictionaryAsync(r => r.Key, ct);
        var m06 = RuleWire.FromStored(rules["M06"].Definition, rules["M06"].Version, rules["M06"].UpdatedAt);
        var m08 = RuleWire.FromStored(rules["M08"].Definition, rules["M08"].Version, rules["M08"].UpdatedAt);
        Assert.Equal(2, m06.Version);
        Assert.Equal(RuleSeed.Rules.Single(r => r.Key == "M06").Conditions, m06.Conditions);
        Assert.Equal(FirstEventField.Field, Assert.Single(m06.Conditions).Field);
        Assert.Equal([1, 2], await db.RuleVersions.Where(v => v.Key == "M06").Select(v => v.Version).OrderBy(v => v).ToListAsync(ct));
        Assert.Equal((2, "operator's first trade"), (m08.Version, m08.Name));
        Assert.Empty(m08.Conditions);
    }

    /// <summary>Runs a migration's SQL twice, each in its own transaction: the second run must change nothing.</summary>
    private static async Task RunTwiceAsync(EngagementDbContext db, string sql, CancellationToken ct)
    {
        for (var run = 0; run < 2; run++)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // As the migration runs it: text, not a format string (the JSON's braces are no placeholders).
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync(ct);
            await transaction.CommitAsync(ct);
        }
    }
}
