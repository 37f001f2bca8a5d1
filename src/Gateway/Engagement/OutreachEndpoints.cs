using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Engagement.Grpc;

namespace Platform.Gateway.Engagement;

/// <summary>The outreach audit: GET /v1/clients/{clientId}/outreach (role operator; API.md, Engagement).</summary>
internal static class OutreachEndpoints
{
    public const int MaxLimit = 1000;

    /// <summary>The audit's and the moments report's wire types.</summary>
    public static IHostApplicationBuilder AddOutreach(this IHostApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, OutreachJsonContext.Default));
        return builder;
    }

    /// <summary>The audit and the moments report.</summary>
    public static IEndpointRouteBuilder MapOutreach(this IEndpointRouteBuilder routes)
    {
        routes.MapEngagementGroup("/v1/clients/{clientId}/outreach").MapGet("", List)
            .WithName("GetClientOutreach")
            .WithSummary("The client's audit trail: every decided moment instance, its decision and why, newest fired first")
            .WithDescription("Role operator. An instance still pending (fired, waiting out the priority window) is listed once decided; a deferred "
                + "one shows its later outcome under the same instanceKey. limit 1..1000 (absent: 500). An unknown client has none.")
            .ProducesValidationProblem();
        routes.MapMomentReport();
        return routes;
    }

    internal static async Task<Results<Ok<OutreachAuditResponse>, ValidationProblem>> List(
        string clientId,
        [Description("How many instances at most, 1..1000; absent: 500.")] int? limit,
        OutreachAuditService.OutreachAuditServiceClient audit,
        CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxLimit)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"must be between 1 and {MaxLimit}"] });
        }

        var reply = await audit.ListOutreachAsync(new ListOutreachRequest { ClientId = clientId, Limit = limit ?? 0 }, cancellationToken: cancellationToken);
        return TypedResults.Ok(new OutreachAuditResponse([.. reply.Instances.Select(i => new OutreachInstanceResponse(
            i.InstanceKey, i.Moment, i.RuleVersion, i.FiredAt.ToDateTimeOffset(), i.Decision, Text(i.Reason), i.Channel, Text(i.ItemId),
            i.DeferredUntil?.ToDateTimeOffset(), i.DecidedAt?.ToDateTimeOffset(), i.DeliveredAt?.ToDateTimeOffset()))]));
    }

    private static string? Text(string value) => value.Length == 0 ? null : value;
}
