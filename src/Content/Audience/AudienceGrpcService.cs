using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Platform.Content.Catalog;
using Platform.Content.Feed;
using Platform.Content.Grpc;
using Platform.Content.Privacy;
using Platform.Messaging.Privacy;
using Platform.Content.Profiles;
using Platform.Content.Selection;
using Platform.Content.Targeting;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Time;
using Platform.ServiceDefaults.Validation;
using SegmentMessage = Platform.Content.Grpc.Segment;

namespace Platform.Content.Audience;

/// <summary>Operators' client tags and segments.</summary>
[Authorize(Roles = CallerRoles.Operator)]
public sealed class AudienceGrpcService(ContentDbContext db, ProfileFacts facts, FeedInvalidations invalidations, CatalogCache catalog, TimeProvider time) : AudienceService.AudienceServiceBase
{
    public const int MaxTagsPerClient = 50;

    public override async Task<ClientTags> GetClientTags(ClientTagsRequest request, ServerCallContext context)
    {
        CheckClientId(request.ClientId);
        var tags = await db.Profiles.AsNoTracking().Where(p => p.ClientId == request.ClientId).Select(p => p.OperatorTags)
            .FirstOrDefaultAsync(context.CancellationToken);
        if (tags is null && await ErasureTombstones.IsErasedAsync(db.Database, request.ClientId, context.CancellationToken))
        {
            throw ErasedClientAnswers.NotFound();
        }

        return new ClientTags { ClientId = request.ClientId, Tags = { tags ?? [] } };
    }

    public override async Task<ClientTags> SetClientTags(ClientTags request, ServerCallContext context)
    {
        CheckClientId(request.ClientId);
        var errors = new FieldErrors();
        if (request.Tags.Count > MaxTagsPerClient)
        {
            errors.Add("tags", $"holds at most {MaxTagsPerClient} tags");
        }

        for (var i = 0; i < request.Tags.Count && i < MaxTagsPerClient; i++)
        {
            if (TagVocabulary.CheckOperatorTag(request.Tags[i]) is { } problem)
            {
                errors.Add($"tags[{i}]", problem);
            }
        }

        if (errors.Count > 0)
        {
            throw GrpcFieldErrors.InvalidArgument(errors.ToDictionary());
        }

        string[] tags = [.. request.Tags.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        await using (var transaction = await db.Database.BeginTransactionAsync(context.CancellationToken))
        {
            try
            {
                await facts.SetOperatorTagsAsync(request.ClientId, tags, context.CancellationToken);
            }
            catch (ClientErasedException)
            {
                throw ErasedClientAnswers.NotFound();
            }

            await transaction.CommitAsync(context.CancellationToken);
        }

        await invalidations.AfterCommitAsync(CancellationToken.None); // committed: the tombstone follows even if the caller is gone
        return new ClientTags { ClientId = request.ClientId, Tags = { tags } };
    }

    public override async Task<SegmentList> ListSegments(ListSegmentsRequest request, ServerCallContext context)
    {
        var segments = await db.Segments.AsNoTracking().OrderBy(s => s.Key).ToListAsync(context.CancellationToken);
        return new SegmentList { Segments = { segments.Select(ToGrpc) } };
    }

    public override async Task<SegmentMessage> GetSegment(GetSegmentRequest request, ServerCallContext context) =>
        ToGrpc((Keys.IsKey(request.Key) ? await db.Segments.AsNoTracking().FirstOrDefaultAsync(s => s.Key == request.Key, context.CancellationToken) : null)
            ?? throw NotFound(request.Key));

    public override async Task<SegmentMessage> CreateSegment(SegmentMessage request, ServerCallContext context)
    {
        Check(request, checkKey: true);
        var segment = Segment.Create(request.Key, request.Expression.Trim(), StoredTime.Now(time));
        db.Segments.Add(segment);
        try
        {
            await db.SaveChangesAsync(context.CancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            throw new RpcException(new Status(StatusCode.AlreadyExists, $"A segment '{request.Key}' exists; change it with PUT."));
        }

        await catalog.RefreshAsync(CancellationToken.None);
        return ToGrpc(segment);
    }

    /// <summary>
    /// Replaces the expression. <c>version</c>, when not 0, is the version the edit was made from (as an item's expected
    /// version): another edit committed since is ABORTED and nothing changes; 0 replaces whatever is current.
    /// </summary>
    public override async Task<SegmentMessage> UpdateSegment(SegmentMessage request, ServerCallContext context)
    {
        Check(request, checkKey: false);
        var segment = (Keys.IsKey(request.Key) ? await db.Segments.FirstOrDefaultAsync(s => s.Key == request.Key, context.CancellationToken) : null)
            ?? throw NotFound(request.Key);
        if (request.Version != 0 && request.Version != segment.Version)
        {
            throw Conflict(request.Key, segment.Version);
        }

        segment.Update(request.Expression.Trim(), StoredTime.Now(time));
        try
        {
            // The version is the row's concurrency token: an edit committed between the read and this save is caught here.
            await db.SaveChangesAsync(context.CancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw Conflict(request.Key, null);
        }

        await catalog.RefreshAsync(CancellationToken.None); // saved: this replica's feeds follow at once, others within the refresh interval
        return ToGrpc(segment);
    }

    private static RpcException Conflict(string key, int? current) => new(new Status(StatusCode.Aborted,
        $"Segment '{key}' was changed by someone else{(current is { } v ? $" (it is at version {v})" : "")}; read it again and retry."));

    private static void Check(SegmentMessage request, bool checkKey)
    {
        var errors = new FieldErrors();
        if (checkKey && !Keys.IsKey(request.Key))
        {
            errors.Add("key", Keys.Rule);
        }

        if (request.Version < 0)
        {
            errors.Add("version", "must be the version read (1 or more), or 0 to replace whatever is current");
        }

        try
        {
            SegmentExpression.Parse(request.Expression);
        }
        catch (SegmentSyntaxException ex)
        {
            errors.Add("expression", ex.Message);
        }

        if (errors.Count > 0)
        {
            throw GrpcFieldErrors.InvalidArgument(errors.ToDictionary());
        }
    }

    private static void CheckClientId(string clientId)
    {
        if (StorableText.Check(clientId, ClientIds.MaxLength, required: true) is { } invalid)
        {
            throw GrpcFieldErrors.InvalidArgument("clientId", invalid);
        }
    }

    private static SegmentMessage ToGrpc(Segment segment) => new()
    {
        Key = segment.Key, Expression = segment.Expression, Version = segment.Version, UpdatedAt = Timestamp.FromDateTimeOffset(segment.UpdatedAt),
    };

    private static RpcException NotFound(string key) =>
        new(new Status(StatusCode.NotFound, Keys.IsKey(key) ? $"There is no segment '{key}'." : "There is no such segment."));
}
