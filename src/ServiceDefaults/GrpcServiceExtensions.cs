using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

public static class GrpcServiceExtensions
{
    /// <summary>
    /// gRPC server plumbing shared by the four services: the gRPC server and the gRPC health
    /// service, which reports the same readiness checks as /health.
    /// </summary>
    public static IHostApplicationBuilder AddGrpcServiceDefaults(this IHostApplicationBuilder builder)
    {
        builder.Services.AddGrpc(options => options.EnableDetailedErrors = builder.Environment.IsDevelopment());
        builder.Services.AddGrpcHealthChecks();
        return builder;
    }
}
