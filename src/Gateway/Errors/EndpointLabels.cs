using Microsoft.AspNetCore.Diagnostics;

namespace Platform.Gateway.Errors;

internal static class EndpointLabels
{
    /// <summary>The route pattern for logs: paths carry client ids, patterns do not.</summary>
    /// <remarks>The exception handler clears the endpoint before handling; its feature keeps it.</remarks>
    public static string EndpointLabel(this HttpContext context) =>
        (context.GetEndpoint() ?? context.Features.Get<IExceptionHandlerFeature>()?.Endpoint) is RouteEndpoint endpoint
            ? $"{context.Request.Method} {endpoint.RoutePattern.RawText}"
            : $"{context.Request.Method} (no route)";
}
