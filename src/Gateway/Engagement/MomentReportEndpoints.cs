using System.ComponentModel;
using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Engagement.Grpc;
using Platform.Gateway.Json;

namespace Platform.Gateway.Engagement;

/// <summary>The moments report: GET /v1/reports/moments?from=&amp;to= (role operator; API.md, Engagement).</summary>
internal static class MomentReportEndpoints
{
    public static RouteHandlerBuilder MapMomentReport(this IEndpointRouteBuilder routes) =>
        routes.MapEngagementGroup("/v1/reports/moments").MapGet("", Get)
            .WithName("GetMomentReport")
            .WithSummary("Per moment that fired in the period: fired, sent, deferred, failed, suppressed by reason, and the uplift of its goal")
            .WithDescription("Role operator. from (inclusive) and to (exclusive) are ISO 8601 times with an offset, of when the moment fired; "
                + "to absent: now; from absent: 30 days before to; to must be later than from. Moments in key order, each rule key that fired. "
                + "deferred counts the instances deferred now. uplift (null for a rule without a goal, e.g. an operator's): treated are the "
                + "clients an instance was sent to, holdout those suppressed for the holdout; a client converted when one of its goal events "
                + "followed one of its instances within the window (instances whose window is still open count as not converted yet); "
                + "difference = treated rate - holdout rate with its unpooled Wald 95% interval ci95, both null when either group is empty.")
            .ProducesValidationProblem();

    internal static async Task<Results<Ok<MomentReportResponse>, ValidationProblem>> Get(
        [Description("Fired from (inclusive), ISO 8601 with offset; absent: 30 days before to.")] string? from,
        [Description("Fired before (exclusive), ISO 8601 with offset, later than from; absent: now.")] string? to,
        MomentReportService.MomentReportServiceClient reports,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var (start, end) = (Time(errors, "from", from), Time(errors, "to", to));
        if (start is { } s && end is { } e && e <= s)
        {
            errors["to"] = ["Must be later than from."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var request = new MomentReportRequest
        {
            From = start is { } f ? Timestamp.FromDateTimeOffset(f) : null, To = end is { } t ? Timestamp.FromDateTimeOffset(t) : null,
        };
        var reply = await reports.GetMomentReportAsync(request, cancellationToken: cancellationToken);
        return TypedResults.Ok(new MomentReportResponse(reply.From.ToDateTimeOffset(), reply.To.ToDateTimeOffset(), [.. reply.Moments.Select(ToResponse)]));
    }

    private static MomentReportRowResponse ToResponse(MomentCounts m) => new(
        m.Moment, m.Fired, m.Sent, m.Deferred, m.Failed, m.Suppressed.OrderBy(s => s.Key, StringComparer.Ordinal).ToDictionary(s => s.Key, s => s.Value),
        m.Uplift is { } u
            ? new MomentUpliftResponse(u.Goal, u.Window, Group(u.Treated), Group(u.Holdout), u.HasDifference ? u.Difference : null,
                u.HasDifference ? [u.Ci95Low, u.Ci95High] : null)
            : null);

    private static MomentUpliftGroupResponse Group(UpliftGroup g) => new(g.Clients, g.Converted, g.HasRate ? g.Rate : null);

    private static DateTimeOffset? Time(Dictionary<string, string[]> errors, string name, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (OffsetDateTimeConverter.TryParse(text, out var value))
        {
            return value;
        }

        errors[name] = [OffsetDateTimeConverter.Hint];
        return null;
    }
}
