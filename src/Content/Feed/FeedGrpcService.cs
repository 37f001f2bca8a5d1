using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Platform.Content.Grpc;
using Platform.Content.Privacy;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Validation;

namespace Platform.Content.Feed;

/// <summary>A client's feed; a client reads only its own, an operator any (to see what a client sees).</summary>
[Authorize(Roles = $"{CallerRoles.Client},{CallerRoles.Operator}")]
public sealed class FeedGrpcService(FeedReader feeds) : FeedService.FeedServiceBase
{
    public override async Task<Grpc.Feed> GetFeed(FeedRequest request, ServerCallContext context)
    {
        if (StorableText.Check(request.ClientId, ClientIds.MaxLength, required: true) is { } invalid)
        {
            throw GrpcFieldErrors.InvalidArgument("clientId", invalid);
        }

        if (request.Limit is < 0 or > FeedOptions.MaxItems)
        {
            throw GrpcFieldErrors.InvalidArgument("limit", $"must be between 1 and {FeedOptions.MaxItems}, or 0 (unset) for {FeedOptions.DefaultLimit}");
        }

        context.EnsureMayActFor(request.ClientId);
        var byTheClient = context.Caller().IsClientOnly();
        var items = await feeds.GetAsync(request.ClientId, request.Limit == 0 ? FeedOptions.DefaultLimit : request.Limit, byTheClient, context.CancellationToken)
            ?? throw ErasedClientAnswers.NotFound();
        return new Grpc.Feed { Items = { items } };
    }
}
