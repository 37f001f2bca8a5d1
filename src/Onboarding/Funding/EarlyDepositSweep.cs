using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Data;

namespace Platform.Onboarding.Funding;

/// <summary>
/// Deletes early deposits past <see cref="FundingOptions.EarlyDepositRetention"/>. A deposit can be reported
/// before anything else of its client (a funnel may start with its approval, which travels another path than
/// the deposit), so every deposit of a client without an approved funnel is kept; most of them belong to
/// clients never onboarded here and would stay forever. Replicas may sweep at once: a row is deleted once.
/// </summary>
public sealed class EarlyDepositSweep(
    IServiceScopeFactory scopes, IDatabaseReadiness database, IOptions<FundingOptions> options, TimeProvider time, ILogger<EarlyDepositSweep> logger)
    : DrainingWorker(database, logger)
{
    protected override TimeSpan Pause => options.Value.SweepInterval;

    // Business time: the retention is counted from the deposits' own dates, and tests move a fake clock past it.
    protected override TimeProvider PauseClock => time;

    protected override string WorkName => "early deposits past their retention";

    protected override async Task<bool> DrainOnceAsync(int loop, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OnboardingDbContext>();
        var (before, batch) = (time.GetUtcNow() - options.Value.EarlyDepositRetention, options.Value.SweepBatchSize);
        var deleted = await db.Database.ExecuteSqlInterpolatedAsync($"""
            DELETE FROM early_deposits WHERE client_id IN (SELECT client_id FROM early_deposits WHERE occurred_at < {before} LIMIT {batch})
            """, cancellationToken);
        return deleted >= batch;
    }
}
