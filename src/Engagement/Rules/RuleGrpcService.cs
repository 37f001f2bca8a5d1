using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Platform.Engagement.Grpc;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Time;

namespace Platform.Engagement.Rules;

/// <summary>Operators' rules: the current version of each, created and replaced whole; the rule book follows every save at once.</summary>
[Authorize(Roles = CallerRoles.Operator)]
public sealed class RuleGrpcService(EngagementDbContext db, RuleBook book, TimeProvider time) : RuleService.RuleServiceBase
{
    public override async Task<RuleList> ListRules(ListRulesRequest request, ServerCallContext context)
    {
        var rows = await db.Rules.AsNoTracking().OrderBy(r => r.Key).ToListAsync(context.CancellationToken);
        return new RuleList { Rules = { rows.Select(ToGrpc) } };
    }

    public override async Task<Grpc.Rule> GetRule(GetRuleRequest request, ServerCallContext context) =>
        ToGrpc(await FindAsync(request.Key, tracked: false, context.CancellationToken) ?? throw NotFound(request.Key));

    public override async Task<Grpc.Rule> CreateRule(Grpc.Rule request, ServerCallContext context)
    {
        var rule = Parse(request);
        var row = new StoredRule { Key = rule.Key, Definition = RuleWire.Definition(rule), Version = 1, UpdatedAt = StoredTime.Now(time) };
        db.Rules.Add(row);
        db.RuleVersions.Add(VersionOf(row));
        try
        {
            await db.SaveChangesAsync(context.CancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            throw new RpcException(new Status(StatusCode.AlreadyExists, $"A rule '{rule.Key}' exists; change it with PUT."));
        }

        await book.RefreshAsync(CancellationToken.None); // saved: this replica evaluates it before answering, others within the refresh interval
        return ToGrpc(row);
    }

    public override async Task<Grpc.Rule> UpdateRule(UpdateRuleRequest request, ServerCallContext context)
    {
        var rule = Parse(request.Rule ?? new Grpc.Rule());
        var row = await FindAsync(rule.Key, tracked: true, context.CancellationToken) ?? throw NotFound(rule.Key);
        if (request.ExpectedVersion != 0 && request.ExpectedVersion != row.Version)
        {
            throw Conflict(rule.Key, row.Version);
        }

        (row.Definition, row.Version, row.UpdatedAt) = (RuleWire.Definition(rule), row.Version + 1, StoredTime.Now(time));
        db.RuleVersions.Add(VersionOf(row));
        try
        {
            // One SaveChanges is one transaction: the row's version check (its concurrency token) and the history row together.
            await db.SaveChangesAsync(context.CancellationToken);
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException
            || ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            throw Conflict(rule.Key, null);
        }

        await book.RefreshAsync(CancellationToken.None);
        return ToGrpc(row);
    }

    private static Rule Parse(Grpc.Rule request)
    {
        var (rule, errors) = RuleParser.Parse(request);
        return rule ?? throw GrpcFieldErrors.InvalidArgument(errors);
    }

    /// <summary>A key that cannot exist (a NUL in it would fail the query itself) is simply not found.</summary>
    private async Task<StoredRule?> FindAsync(string key, bool tracked, CancellationToken cancellationToken) =>
        RuleVocabulary.IsKey(key)
            ? await (tracked ? db.Rules : db.Rules.AsNoTracking()).FirstOrDefaultAsync(r => r.Key == key, cancellationToken)
            : null;

    private static Grpc.Rule ToGrpc(StoredRule row) => RuleWire.FromStored(row.Definition, row.Version, row.UpdatedAt);

    private static StoredRuleVersion VersionOf(StoredRule row) =>
        new() { Key = row.Key, Version = row.Version, Definition = row.Definition, SavedAt = row.UpdatedAt };

    private static RpcException NotFound(string key) =>
        new(new Status(StatusCode.NotFound, RuleVocabulary.IsKey(key) ? $"There is no rule '{key}'." : "There is no such rule."));

    private static RpcException Conflict(string key, int? current) => new(new Status(StatusCode.Aborted,
        $"Rule '{key}' was changed by someone else{(current is { } v ? $" (it is at version {v})" : "")}; read it again and retry."));
}
