using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Onboarding;
using Platform.Onboarding.Funnel;
using Platform.Onboarding.Reports;

namespace Platform.Bench.Onboarding.Reports;

/// <summary>
/// Fills the report's aggregate tables as if <c>steps</c> steps had been recorded, through the
/// service's own projection (<see cref="FunnelReportProjection"/>, its batch overload), one
/// transaction per 10,000 clients. Recording them through gRPC would take many minutes at one
/// transaction per step, and the report never reads the per-step tables (client_funnels,
/// recorded_step_events, outbox), so those are not filled: only what the query reads is there.
/// </summary>
public static class ReportPopulator
{
    private const int ClientsPerTransaction = 10_000;
    private const int CohortDays = 90;

    public static async Task<PopulationResult> RunAsync(string connectionString, int steps, CancellationToken cancellationToken)
    {
        var options = new DbContextOptionsBuilder<OnboardingDbContext>().UseNpgsql(connectionString).Options;
        var definition = await LatestStandardAsync(options, cancellationToken);
        var simulation = new FunnelSimulation(definition, CohortDays, seed: 20261126);
        var started = Stopwatch.StartNew();
        var (recorded, transactions) = (0, 0);
        while (recorded < steps)
        {
            var changes = new List<ReportChange>(ClientsPerTransaction * 10);
            for (var i = 0; i < ClientsPerTransaction && recorded < steps; i++)
            {
                recorded += simulation.NextClient(changes, steps - recorded);
            }

            await using var db = new OnboardingDbContext(options);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await new FunnelReportProjection(db).ApplyAsync(changes, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            transactions++;
        }

        var elapsed = started.Elapsed;
        return new PopulationResult(recorded, simulation.Clients, CohortDays, transactions, elapsed, await TableSizesAsync(connectionString, cancellationToken));
    }

    private static async Task<FunnelDefinition> LatestStandardAsync(DbContextOptions<OnboardingDbContext> options, CancellationToken cancellationToken)
    {
        await using var db = new OnboardingDbContext(options);
        var stored = await db.FunnelDefinitions.AsNoTracking().Where(d => d.Name == FunnelDefinition.StandardName)
            .OrderByDescending(d => d.Version).FirstAsync(cancellationToken);
        return stored.ToDefinition();
    }

    /// <summary>Rows and on-disk size of every funnel_report_* table (their layout belongs to the service and may change).</summary>
    private static async Task<IReadOnlyList<TableSize>> TableSizesAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE 'funnel_report%' ORDER BY 1", connection))
        await using (var reader = await list.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                tables.Add(reader.GetString(0));
            }
        }

        var sizes = new List<TableSize>();
        foreach (var table in tables)
        {
            await using var count = new NpgsqlCommand($"SELECT count(*), pg_total_relation_size('\"{table}\"') FROM \"{table}\"", connection);
            await using var reader = await count.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            sizes.Add(new TableSize(table, reader.GetInt64(0), reader.GetInt64(1)));
        }

        return sizes;
    }
}

/// <summary>What the aggregate tables stand for after population, and how long writing them took.</summary>
public sealed record PopulationResult(int Steps, int Clients, int CohortDays, int Transactions, TimeSpan Elapsed, IReadOnlyList<TableSize> Tables);

public sealed record TableSize(string Table, long Rows, long Bytes);
