using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Platform.Gateway.Errors;

public static class ErrorsExtensions
{
    /// <summary>
    /// Every error is an RFC 9457 problem: binding failures, downstream gRPC failures and
    /// unexpected exceptions are mapped by <see cref="GatewayExceptionHandler"/>, empty error
    /// responses (401, 403, 404, 405, 415) get a body from the status code pages.
    /// </summary>
    public static IHostApplicationBuilder AddGatewayErrors(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Type ??= ProblemTypes.For(context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode));
        builder.Services.AddExceptionHandler<GatewayExceptionHandler>();

        // Binding failures throw BadHttpRequestException in every environment, so that the
        // exception handler can name the offending field instead of answering an empty 400.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);

        builder.Services.Configure<KestrelServerOptions>(options =>
            options.Limits.MaxRequestBodySize = RequestBodyLimit.MaxBytes);
        return builder;
    }

    public static WebApplication UseGatewayErrors(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestBodyLimit>();
        return app;
    }
}
