using Microsoft.AspNetCore.Authorization;
using Platform.ServiceDefaults.Auth;
using System.Diagnostics;
using Grpc.Core;
using Platform.Onboarding.Funnel;
using Platform.Onboarding.Grpc;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Validation;
using GrpcTimestamp = Google.Protobuf.WellKnownTypes.Timestamp;

namespace Platform.Onboarding.Reports;

/// <summary>The gRPC adapter of the funnel report.</summary>
[Authorize(Roles = CallerRoles.Operator)]
public sealed class ReportGrpcService(FunnelDefinitionStore definitions, FunnelReportReader reader, ReportsTelemetry telemetry)
    : FunnelReportService.FunnelReportServiceBase
{
    public override async Task<FunnelReportReply> GetFunnelReport(FunnelReportRequest request, ServerCallContext context)
    {
        var (grouping, range) = Validate(request);
        // Steps are listed as the latest version has them; clients on older versions count under the same step names.
        var definition = (await definitions.GetLatestAsync(request.Funnel, context.CancellationToken))?.Definition
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"Unknown funnel {request.Funnel}."));

        var started = Stopwatch.GetTimestamp();
        var report = await reader.ReadAsync(definition, grouping, range, context.CancellationToken);
        telemetry.Queried(grouping, Stopwatch.GetElapsedTime(started));

        var (from, to) = range.Bounds;
        var reply = new FunnelReportReply
        {
            Funnel = definition.Name,
            From = from is { } start ? GrpcTimestamp.FromDateTimeOffset(start) : null,
            To = to is { } end ? GrpcTimestamp.FromDateTimeOffset(end) : null,
        };
        reply.Groups.AddRange(report.Groups.Select(ToGroup));
        return reply;
    }

    private static (ReportGrouping Grouping, CohortRange Range) Validate(FunnelReportRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        // Storable too: a NUL (which PostgreSQL's text cannot hold) failed the definition's lookup itself, a 500.
        if (StorableText.Check(request.Funnel, StepFields.MaxFunnelName, required: true) is { } invalidFunnel)
        {
            errors["funnel"] = [invalidFunnel];
        }

        if (!ReportGroupings.TryParse(request.By, out var grouping))
        {
            errors["by"] = [$"unknown grouping; allowed: {ReportGroupings.Allowed}"];
        }

        var from = request.From?.ToDateTimeOffset();
        var to = request.To?.ToDateTimeOffset();
        if (from >= to)
        {
            errors["to"] = ["must be after from"];
        }

        if (errors.Count > 0)
        {
            throw GrpcFieldErrors.InvalidArgument(errors);
        }

        return (grouping, ReportCalendar.RangeOf(from, to));
    }

    private static FunnelReportGroup ToGroup(ReportGroup group)
    {
        var reply = new FunnelReportGroup { Key = group.Key, OverallConversion = group.OverallConversion };
        reply.Steps.AddRange(group.Steps.Select(s => new FunnelStepStats
        {
            Step = s.Step.ToWireName(),
            Entered = s.Entered,
            Completed = s.Completed,
            Dropped = s.Dropped,
            ConversionFromPrevious = s.ConversionFromPrevious,
            MedianSecondsFromPrevious = s.MedianSecondsFromPrevious ?? 0,
            HasMedian = s.MedianSecondsFromPrevious is not null,
        }));
        return reply;
    }
}
