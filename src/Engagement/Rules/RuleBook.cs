using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Data;

namespace Platform.Engagement.Rules;

/// <summary>
/// The rules this replica evaluates, hot-reloaded: after an edit saved here at once (the gRPC service calls
/// <see cref="RefreshAsync"/> before answering), and when the rules table's version stamp (the sum of the rows'
/// versions, which only grows) differs from the snapshot's, looked at every <see cref="RuleBookOptions.RefreshInterval"/>.
/// A PUT therefore takes effect without a restart: on the replica that answered it before the answer, on the others within
/// the interval plus one load.
/// </summary>
public sealed partial class RuleBook(
    IServiceScopeFactory scopes, IDatabaseReadiness database, IOptions<RuleBookOptions> options, TimeProvider time, ILogger<RuleBook> logger)
    : BackgroundService
{
    private readonly TaskCompletionSource<RuleBookSnapshot> first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim loading = new(1, 1);
    private volatile RuleBookSnapshot? current;

    /// <summary>The snapshot; before the first load, waits for it (evaluating against no rules would drop moments).</summary>
    public async ValueTask<RuleBookSnapshot> GetAsync(CancellationToken cancellationToken) =>
        current ?? await first.Task.WaitAsync(cancellationToken);

    /// <summary>The snapshot loaded so far, or null before the first load.</summary>
    public RuleBookSnapshot? Current => current;

    /// <summary>Reloads when the table's version stamp differs from the snapshot's.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await loading.WaitAsync(cancellationToken);
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<EngagementDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
            var version = (await db.Database.SqlQuery<long>($"""SELECT COALESCE(sum(version), 0)::bigint AS "Value" FROM rules""")
                .ToListAsync(cancellationToken))[0];
            if (current?.Version == version)
            {
                return;
            }

            var rows = await db.Rules.AsNoTracking().ToListAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            var loaded = new RuleBookSnapshot(version, rows.Select(Parse).OfType<Rule>());
            current = loaded;
            first.TrySetResult(loaded);
            LogLoaded(logger, version, loaded.Rules.Count, loaded.Rules.Count(r => r.Enabled));
        }
        finally
        {
            loading.Release();
        }
    }

    /// <summary>Rows were checked when saved; one the current vocabulary no longer accepts is left out, loudly, rather than half-applied.</summary>
    private Rule? Parse(StoredRule row)
    {
        var (rule, errors) = RuleParser.Parse(RuleWire.FromStored(row.Definition, row.Version, row.UpdatedAt));
        if (rule is null)
        {
            LogUnusable(logger, row.Key, row.Version, string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
        }

        return rule;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await database.WhenReady.WaitAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogRefreshFailed(logger, ex);
            }

            try
            {
                await Task.Delay(current is null ? TimeSpan.FromSeconds(1) : options.Value.RefreshInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Rule book {Version} loaded: {Rules} rules, {Enabled} enabled")]
    private static partial void LogLoaded(ILogger logger, long version, int rules, int enabled);

    [LoggerMessage(2, LogLevel.Warning, "Could not refresh the rule book")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(3, LogLevel.Error, "Rule {Key} version {Version} no longer passes the checks and is not evaluated: {Errors}")]
    private static partial void LogUnusable(ILogger logger, string key, int version, string errors);
}
