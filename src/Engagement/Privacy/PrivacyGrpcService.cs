using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Platform.Engagement.Lifecycle;
using Platform.Engagement.Events;
using Platform.Engagement.Privacy.Grpc;
using Platform.Messaging;
using Platform.Messaging.Postgres;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Time;
using Platform.ServiceDefaults.Validation;
using GrpcTimestamp = Google.Protobuf.WellKnownTypes.Timestamp;

namespace Platform.Engagement.Privacy;

/// <summary>
/// Erasure requests: recorded once per client, and in the same transaction ClientErased goes into the outbox (every
/// service consumes it) and Engagement's own timeline of the client is deleted. A second request changes nothing.
/// </summary>
[Authorize(Roles = CallerRoles.Operator)]
public sealed class PrivacyGrpcService(EngagementDbContext db, TimeProvider time) : PrivacyService.PrivacyServiceBase
{
    private const string Record = """
        INSERT INTO client_erasures (client_id, requested_at, requested_by) VALUES ({0}, {1}, {2})
        ON CONFLICT (client_id) DO NOTHING
        """;

    // The inbox, the waits, the queued deliveries and the goal events go; the audit keeps each instance's decision (the
    // moments report counts it) without its words, and advisor tasks keep theirs blanked.
    private const string ForgetOutreach = """
        DELETE FROM client_inbox WHERE client_id = {0};
        DELETE FROM moment_timers WHERE client_id = {0};
        DELETE FROM outreach_deliveries WHERE client_id = {0} AND status = 'queued';
        DELETE FROM outreach_goal_events WHERE client_id = {0};
        UPDATE outreach_instances SET title = NULL, body = NULL, content_values = NULL WHERE client_id = {0};
        UPDATE advisor_tasks SET title = '(erased)', body = '(erased)' WHERE client_id = {0};
        """;

    public override async Task<EraseClientReply> EraseClient(EraseClientRequest request, ServerCallContext context)
    {
        if (StorableText.Check(request.ClientId, ClientIds.MaxLength, required: true) is { } invalid)
        {
            throw GrpcFieldErrors.InvalidArgument("clientId", invalid);
        }

        var cancellationToken = context.CancellationToken;
        var now = StoredTime.Now(time); // as PostgreSQL keeps it (microseconds): a second request answers the same time
        var operatorId = context.GetHttpContext().User.Subject() ?? string.Empty;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The lock the timeline's writer takes: it either wrote before this commit (and its rows are deleted here) or sees the erasure.
        await db.Database.LockClientAsync(request.ClientId, cancellationToken);
        var first = await db.Database.ExecuteSqlRawAsync(Record, [request.ClientId, now.ToUniversalTime(), Bounded(operatorId)], cancellationToken) > 0;
        if (first)
        {
            await db.ObservedEvents.Where(e => e.ClientId == request.ClientId).ExecuteDeleteAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync(EraseState(db.Model), [request.ClientId], cancellationToken);
            await db.Database.ExecuteSqlRawAsync(ForgetOutreach, [request.ClientId], cancellationToken);
            db.AddOutboxEvent(Topics.EngagementEvents, request.ClientId,
                new ClientErased { ClientId = request.ClientId, ErasedAt = GrpcTimestamp.FromDateTimeOffset(now) }, now);
            await db.SaveChangesAsync(cancellationToken);
        }

        var requestedAt = first ? now
            : await db.ClientErasures.AsNoTracking().Where(e => e.ClientId == request.ClientId).Select(e => e.RequestedAt).SingleAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new EraseClientReply { ClientId = request.ClientId, RequestedAt = GrpcTimestamp.FromDateTimeOffset(requestedAt), AlreadyRequested = !first };
    }

    /// <summary>
    /// The lifecycle state becomes only its erased mark, whether its row exists or not. On a conflict every column but the key
    /// takes the value a fresh erased row has (the excluded row's: the defaults), so a column added later is reset too. The
    /// client's lock, taken first, orders this with the lifecycle batches (ClientStateStore.LockAsync takes it too): a batch
    /// that held it has committed its row, and one that comes after reads the erased mark and skips the client.
    /// </summary>
    private static string EraseState(IModel model)
    {
        var state = model.FindEntityType(typeof(ClientState))!;
        var reset = string.Join(", ", state.GetProperties().Where(p => !p.IsPrimaryKey()).Select(p => p.GetColumnName()).Select(c => $"{c} = EXCLUDED.{c}"));
        return $$"""
            INSERT INTO {{state.GetTableName()}} (client_id, investments, idle_cash_days, erased) VALUES ({0}, 0, 0, true)
            ON CONFLICT (client_id) DO UPDATE SET {{reset}}
            """;
    }

    private static string Bounded(string subject) => subject.Length <= 200 ? subject : subject[..200];
}
