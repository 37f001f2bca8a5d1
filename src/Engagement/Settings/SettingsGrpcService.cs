using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Platform.Engagement.Grpc;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Time;

namespace Platform.Engagement.Settings;

/// <summary>
/// Operators' pipeline settings: each PUT is the next version (as Tiering's tier table: one change at a time under a
/// table lock, so versions are consecutive and the last writer's whole document wins), in force at once here and in
/// every other instance within <see cref="SettingsOptions.CacheTime"/>.
/// </summary>
[Authorize(Roles = CallerRoles.Operator)]
public sealed class SettingsGrpcService(EngagementDbContext db, SettingsReader reader, TimeProvider time)
    : EngagementSettingsService.EngagementSettingsServiceBase
{
    private const int DefaultVersions = 50;
    private const int MaxVersions = 500;

    public override async Task<EngagementSettingsReply> GetSettings(GetEngagementSettingsRequest request, ServerCallContext context) =>
        ToReply(await Versions().FirstAsync(context.CancellationToken));

    public override async Task<EngagementSettingsReply> PutSettings(PutEngagementSettingsRequest request, ServerCallContext context)
    {
        var (settings, errors) = SettingsSpec.Parse(request.Settings);
        if (settings is null)
        {
            throw GrpcFieldErrors.InvalidArgument(errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(context.CancellationToken);
        await db.Database.ExecuteSqlRawAsync("LOCK TABLE engagement_settings IN EXCLUSIVE MODE", context.CancellationToken);
        var version = await db.Set<StoredSettings>().MaxAsync(s => s.Version, context.CancellationToken) + 1;
        var stored = new StoredSettings { Version = version, Document = StoredSettings.ToDocument(request.Settings), CreatedAt = StoredTime.Now(time) };
        db.Add(stored);
        await db.SaveChangesAsync(context.CancellationToken);
        await transaction.CommitAsync(context.CancellationToken);
        reader.Remember(new CurrentSettings(version, settings, stored.CreatedAt));
        return ToReply(stored);
    }

    public override async Task<EngagementSettingsVersions> ListSettingsVersions(ListEngagementSettingsVersionsRequest request, ServerCallContext context)
    {
        if (request.Limit is < 0 or > MaxVersions)
        {
            throw GrpcFieldErrors.InvalidArgument("limit", $"must be between 1 and {MaxVersions} (0: {DefaultVersions})");
        }

        var stored = await Versions().Take(request.Limit == 0 ? DefaultVersions : request.Limit).ToListAsync(context.CancellationToken);
        return new EngagementSettingsVersions { Versions = { stored.Select(ToReply) } };
    }

    private IQueryable<StoredSettings> Versions() => db.Set<StoredSettings>().AsNoTracking().OrderByDescending(s => s.Version);

    private static EngagementSettingsReply ToReply(StoredSettings stored) =>
        new() { Settings = stored.ToSpec(), Version = stored.Version, ChangedAt = Timestamp.FromDateTimeOffset(stored.CreatedAt) };
}
