using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Content.Catalog;
using Platform.Content.Grpc;
using Platform.Content.Privacy;
using Platform.Messaging.Privacy;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Time;
using Platform.ServiceDefaults.Validation;

namespace Platform.Content.Experiments;

/// <summary>
/// Conversions, idempotent per client, experiment and event id; counted against the client's first exposure when they fall
/// in the window. A client app's clock is not the server's: its conversion counts at the time Content received it (after
/// the exposure Content recorded before serving it), and only a core system's occurredAt is taken as sent. One that can
/// never count (no exposure yet, and not dated ahead) is answered counted: false and not kept.
/// </summary>
[Authorize(Roles = $"{CallerRoles.Client},{CallerRoles.System}")]
public sealed class ConversionGrpcService(ContentDbContext db, ExperimentCounters counters, IOptions<ExperimentOptions> options, TimeProvider time)
    : ConversionService.ConversionServiceBase
{
    public override async Task<ConversionReply> RecordConversion(ConversionRequest request, ServerCallContext context)
    {
        var now = StoredTime.Now(time);
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
        if (occurred > now + options.Value.ClockSkew)
        {
            errors.Add("occurredAt", $"is in the future (more than {options.Value.ClockSkew} after the server's clock); send when the event happened");
        }

        if (errors.Count > 0)
        {
            throw GrpcFieldErrors.InvalidArgument(errors.ToDictionary());
        }

        context.EnsureMayActFor(request.ClientId);
        if (!await db.Experiments.AnyAsync(e => e.Key == request.ExperimentKey, context.CancellationToken))
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"There is no experiment '{request.ExperimentKey}'."));
        }

        var reportedAt = StoredTime.Of(occurred!.Value);
        var occurredAt = context.Caller().IsClientOnly() ? now : reportedAt;
        await using var transaction = await db.Database.BeginTransactionAsync(context.CancellationToken);
        // Under the client's lock, which the erasure takes: an erased client's conversion is not kept (nor counted).
        if ((await ErasureTombstones.LockClientsAndFindErasedAsync(db.Database, [request.ClientId], context.CancellationToken)).Count > 0)
        {
            throw ErasedClientAnswers.NotFound();
        }

        var outcome = await counters.ConversionAsync(request.ExperimentKey, request.ClientId, eventId, occurredAt, reportedAt, now, context.CancellationToken);
        if (outcome == ConversionOutcome.Conflicting)
        {
            throw new RpcException(new Status(StatusCode.AlreadyExists,
                $"Event '{eventId}' of this client was already reported for experiment '{request.ExperimentKey}' with another occurredAt; "
                + "an event id names one event: send a new one for a new event."));
        }

        await db.SaveChangesAsync(context.CancellationToken);
        await transaction.CommitAsync(context.CancellationToken);
        return outcome == ConversionOutcome.Duplicate ? new ConversionReply { Duplicate = true } : new ConversionReply { Counted = outcome == ConversionOutcome.Counted };
    }
}
