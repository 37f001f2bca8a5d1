using Platform.Engagement.Outreach.Audit;

namespace Platform.Engagement.Outreach.Reports;

public static class ReportsExtensions
{
    /// <summary>The outreach audit and the moments report (gRPC, role operator).</summary>
    public static IEndpointRouteBuilder MapOutreachReports(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<OutreachAuditGrpcService>();
        endpoints.MapGrpcService<MomentReportGrpcService>();
        return endpoints;
    }
}
