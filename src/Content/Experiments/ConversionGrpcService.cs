using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Platform.Content.Catalog;
using Platform.Content.Grpc;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Time;
using Platform.ServiceDefaults.Validation;

namespace Platform.Content.Experiments;

/// <summary>Conversions, idempotent per client and event id; counted against the client's first exposure when it falls in the window.</summary>
[Authorize(Roles = $"{CallerRoles.Client},{CallerRoles.System}")]
public sealed class ConversionGrpcService(ContentDbContext db, ExperimentCounters counters, TimeProvider time) : ConversionService.ConversionServiceBase
{
    public override async Task<ConversionReply> RecordConversion(ConversionRequest request, ServerCallContext context)
    {
        var errors = new FieldErrors();
        if (!Guid.TryParse(request.EventId, out var eventId))
        {
            errors.Add("eventId", "must be a UUID");
        }

        if (StorableText.Check(request.ClientId, ClientIds.MaxLength, required: true) is { } invalidClient)
        {
            errors.Add("clientId", invalidClient);
        }

        if (!Keys.IsKey(request.ExperimentKey))
        {
            errors.Add("experimentKey", Keys.Rule);
        }

        if (request.OccurredAt is null)
        {
            errors.Add("occurredAt", "is required");
        }

        var occurred = WireTime.Of(request.OccurredAt, "occurredAt", errors);

        if (errors.Count > 0)
        {
            throw GrpcFieldErrors.InvalidArgument(errors.ToDictionary());
        }

        context.EnsureMayActFor(request.ClientId);
        if (!await db.Experiments.AnyAsync(e => e.Key == request.ExperimentKey, context.CancellationToken))
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"There is no experiment '{request.ExperimentKey}'."));
        }

        var now = StoredTime.Now(time);
        var occurredAt = StoredTime.Of(occurred!.Value);
        await using var transaction = await db.Database.BeginTransactionAsync(context.CancellationToken);
        var inserted = await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO experiment_conversions (client_id, event_id, experiment_key, occurred_at, received_at)
            VALUES ({request.ClientId}, {eventId}, {request.ExperimentKey}, {occurredAt}, {now})
            ON CONFLICT DO NOTHING
            """, context.CancellationToken);
        if (inserted == 0)
        {
            return new ConversionReply { Duplicate = true };
        }

        var counted = await counters.ConvertedAsync(request.ExperimentKey, request.ClientId, occurredAt, now, context.CancellationToken);
        await db.SaveChangesAsync(context.CancellationToken);
        await transaction.CommitAsync(context.CancellationToken);
        return new ConversionReply { Counted = counted };
    }
}
