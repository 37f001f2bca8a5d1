using System.ComponentModel;
using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Gateway.Auth;
using Platform.Gateway.Json;
using Platform.Onboarding.Grpc;

namespace Platform.Gateway.Funnel;

/// <summary>GET /v1/reports/funnel: per step entered, completed, dropped, conversion and median time (API.md, Onboarding).</summary>
internal static class FunnelReportEndpoints
{
    public static RouteHandlerBuilder MapFunnelReportEndpoints(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/v1/reports/funnel", GetFunnelReport)
            .WithTags("Reports")
            .WithName("GetFunnelReport")
            .WithSummary("The funnel report, optionally sliced by channel, campaign, cohort or variant")
            .WithDescription("Role operator. `funnel` is required; `from`/`to` (ISO 8601 with offset, registration time, from "
                + "inclusive, to exclusive) are optional; without `by` there is one group with key `all`.")
            .RequireAuthorization(GatewayPolicies.Operator)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    internal static async Task<Results<Ok<FunnelReportResponse>, ValidationProblem>> GetFunnelReport(
        [Description("The funnel's name, e.g. standard. Required.")] string? funnel,
        [Description("Registration time from (inclusive), ISO 8601 with offset; open when absent.")] string? from,
        [Description("Registration time to (exclusive), ISO 8601 with offset, after from; open when absent.")] string? to,
        [Description("channel | campaign | cohort | variant; absent: one group, all.")] string? by,
        FunnelReportService.FunnelReportServiceClient reports,
        CancellationToken cancellationToken)
    {
        var (query, errors) = FunnelReportValidator.Read(funnel, from, to, by);
        if (query is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var request = new FunnelReportRequest
        {
            Funnel = query.Funnel,
            From = query.From is { } start ? Timestamp.FromDateTimeOffset(start) : null,
            To = query.To is { } end ? Timestamp.FromDateTimeOffset(end) : null,
            By = query.By is { } grouping ? WireEnumConverter<FunnelReportGrouping>.Format(grouping) : string.Empty,
        };
        var reply = await reports.GetFunnelReportAsync(request, cancellationToken: cancellationToken);
        return TypedResults.Ok(new FunnelReportResponse(
            reply.Funnel,
            reply.From?.ToDateTimeOffset(),
            reply.To?.ToDateTimeOffset(),
            [.. reply.Groups.Select(group => new FunnelReportGroupResponse(
                group.Key,
                [.. group.Steps.Select(step => new FunnelReportStepResponse(
                    step.Step, step.Entered, step.Completed, step.Dropped, Finite(step.ConversionFromPrevious),
                    step.HasMedian ? Finite(step.MedianSecondsFromPrevious) : null))],
                Finite(group.OverallConversion)))]));
    }

    /// <summary>JSON has no NaN or infinity: a ratio over an empty step must not turn the whole report into a 500.</summary>
    private static double Finite(double value) => double.IsFinite(value) ? value : 0;
}
