using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Platform.Engagement.Settings;

/// <summary>
/// The settings in force, for the pipeline: read from the database at most once per <see cref="SettingsOptions.CacheTime"/>
/// and replaced at once by a PUT this instance answers. Never goes back to an older version than it has seen.
/// </summary>
public sealed class SettingsReader(IServiceScopeFactory scopes, IOptions<SettingsOptions> options, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim reading = new(1, 1);
    private volatile Snapshot? snapshot;

    public async ValueTask<CurrentSettings> GetCurrentAsync(CancellationToken cancellationToken)
    {
        if (Fresh(snapshot) is { } cached)
        {
            return cached;
        }

        // One read per instance at a time: the rest wait for it instead of all going to the database.
        await reading.WaitAsync(cancellationToken);
        try
        {
            if (Fresh(snapshot) is { } read)
            {
                return read;
            }

            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<EngagementDbContext>();
            var stored = await db.Set<StoredSettings>().AsNoTracking().OrderByDescending(s => s.Version).FirstAsync(cancellationToken);
            return Remember(stored.ToCurrent());
        }
        finally
        {
            reading.Release();
        }
    }

    /// <summary>What a committed PUT stored: in force here from now on.</summary>
    public CurrentSettings Remember(CurrentSettings current)
    {
        var known = snapshot;
        var next = known is not null && known.Current.Version > current.Version ? known with { ReadAt = time.GetUtcNow() } : new Snapshot(current, time.GetUtcNow());
        snapshot = next;
        return next.Current;
    }

    public void Dispose() => reading.Dispose();

    private CurrentSettings? Fresh(Snapshot? known) =>
        known is not null && time.GetUtcNow() - known.ReadAt < options.Value.CacheTime ? known.Current : null;

    private sealed record Snapshot(CurrentSettings Current, DateTimeOffset ReadAt);
}
