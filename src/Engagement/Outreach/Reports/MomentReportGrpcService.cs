using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Platform.Engagement.Grpc;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;
using GrpcTimestamp = Google.Protobuf.WellKnownTypes.Timestamp;

namespace Platform.Engagement.Outreach.Reports;

/// <summary>
/// GET /v1/reports/moments: per rule key that fired in [from, to) (by fired time), in key order, how its instances
/// were decided (deferred: deferred now) and its uplift: treated (sent) against holdout (suppressed: holdout)
/// clients, a client converted when one of its goal events followed one of its instances within the goal's window.
/// </summary>
[Authorize(Roles = CallerRoles.Operator)]
public sealed class MomentReportGrpcService(EngagementDbContext db, TimeProvider time) : MomentReportService.MomentReportServiceBase
{
    public static readonly TimeSpan DefaultPeriod = TimeSpan.FromDays(30);

    // Times a report can be about: outside them the default period and the goals' windows would leave the calendar (a 500).
    private static readonly DateTimeOffset Earliest = new(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Latest = new(9000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override async Task<MomentReport> GetMomentReport(MomentReportRequest request, ServerCallContext context)
    {
        foreach (var (name, value) in new[] { ("from", request.From), ("to", request.To) })
        {
            if (value?.ToDateTimeOffset() is { } at && (at < Earliest || at > Latest))
            {
                throw GrpcFieldErrors.InvalidArgument(name, $"must be between {Earliest:yyyy-MM-dd} and {Latest:yyyy-MM-dd}");
            }
        }

        var to = request.To?.ToDateTimeOffset() ?? time.GetUtcNow();
        var from = request.From?.ToDateTimeOffset() ?? to - DefaultPeriod;
        if (to <= from)
        {
            throw GrpcFieldErrors.InvalidArgument("to", "must be later than from");
        }

        var counts = await db.OutreachInstances.AsNoTracking()
            .Where(i => i.FiredAt >= from && i.FiredAt < to)
            .GroupBy(i => new { i.Moment, i.Decision, i.Reason })
            .Select(g => new { g.Key.Moment, g.Key.Decision, g.Key.Reason, Count = g.LongCount() })
            .ToListAsync(context.CancellationToken);
        var uplift = await UpliftRowsAsync(from, to, context.CancellationToken);

        var report = new MomentReport { From = GrpcTimestamp.FromDateTimeOffset(from), To = GrpcTimestamp.FromDateTimeOffset(to) };
        foreach (var moment in counts.GroupBy(c => c.Moment).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            long Count(string decision) => moment.Where(c => c.Decision == decision).Sum(c => c.Count);
            var wire = new MomentCounts
            {
                Moment = moment.Key, Fired = moment.Sum(c => c.Count), Sent = Count(OutreachDecisions.Sent),
                Deferred = Count(OutreachDecisions.Deferred), Failed = Count(OutreachDecisions.Failed),
            };
            foreach (var reason in moment.Where(c => c.Decision == OutreachDecisions.Suppressed).GroupBy(c => c.Reason ?? ""))
            {
                wire.Suppressed[reason.Key] = reason.Sum(c => c.Count);
            }

            if (MomentGoals.For(moment.Key) is { } goal)
            {
                wire.Uplift = ToWire(UpliftCalculator.Compute(goal, Group(uplift, moment.Key, treated: true), Group(uplift, moment.Key, treated: false)));
            }

            report.Moments.Add(wire);
        }

        return report;
    }

    private Task<List<UpliftRow>> UpliftRowsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var goals = MomentGoals.All.SelectMany(g => g.Value.Events.Select(e => (Moment: g.Key, Event: e, g.Value.Window))).ToList();
        var moments = goals.Select(g => g.Moment).ToArray();
        var events = goals.Select(g => g.Event).ToArray();
        var windows = goals.Select(g => g.Window).ToArray();
        // Per moment and group, distinct clients, and those with a goal event in (fired, fired + window] after any of their instances.
        return db.Database.SqlQuery<UpliftRow>($"""
            WITH goals AS (SELECT * FROM unnest({moments}::text[], {events}::text[], {windows}::interval[]) AS g(moment, event_name, win)),
            grouped AS (
                SELECT i.moment, i.client_id, i.decision = 'sent' AS treated,
                       EXISTS (SELECT 1 FROM goals g JOIN outreach_goal_events e ON e.event_name = g.event_name
                               WHERE g.moment = i.moment AND e.client_id = i.client_id
                                 AND e.occurred_at > i.fired_at AND e.occurred_at <= i.fired_at + g.win) AS converted
                FROM outreach_instances i
                WHERE i.fired_at >= {from} AND i.fired_at < {to} AND i.moment = ANY({moments})
                  AND (i.decision = 'sent' OR (i.decision = 'suppressed' AND i.reason = 'holdout')))
            SELECT moment AS "Moment", treated AS "Treated", count(DISTINCT client_id) AS "Clients",
                   count(DISTINCT client_id) FILTER (WHERE converted) AS "Converted"
            FROM grouped GROUP BY moment, treated
            """).ToListAsync(cancellationToken);
    }

    private static UpliftGroup Group(List<UpliftRow> rows, string moment, bool treated) =>
        rows.FirstOrDefault(r => r.Moment == moment && r.Treated == treated) is { } row ? new UpliftGroup(row.Clients, row.Converted) : new UpliftGroup(0, 0);

    private static Grpc.Uplift ToWire(Uplift uplift)
    {
        var wire = new Grpc.Uplift
        {
            Goal = uplift.Goal, Window = System.Xml.XmlConvert.ToString(uplift.Window), Treated = ToWire(uplift.Treated), Holdout = ToWire(uplift.Holdout),
        };
        if (uplift is { Difference: { } difference, Ci95: [var low, var high] })
        {
            (wire.HasDifference, wire.Difference, wire.Ci95Low, wire.Ci95High) = (true, difference, low, high);
        }

        return wire;
    }

    private static Grpc.UpliftGroup ToWire(UpliftGroup group) => new()
    {
        Clients = group.Clients, Converted = group.Converted, HasRate = group.Rate.HasValue, Rate = group.Rate ?? 0,
    };
}
