using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

public static class GrpcServiceExtensions
{
    /// <summary>
    /// gRPC server plumbing shared by the four services: the gRPC server, the gRPC health
    /// service, which reports the same readiness checks as /health, and authenticated callers
    /// (every call but the health probes carries a valid bearer token).
    /// </summary>
    public static IHostApplicationBuilder AddGrpcServiceDefaults(this IHostApplicationBuilder builder)
    {
        builder.AddServiceAuthentication();
        builder.Services.AddGrpc(options => options.EnableDetailedErrors = builder.Environment.IsDevelopment());
        builder.Services.AddGrpcHealthChecks();
        return builder;
    }
}
