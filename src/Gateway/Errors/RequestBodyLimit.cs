using Microsoft.AspNetCore.Mvc;

namespace Platform.Gateway.Errors;

/// <summary>
/// The contract caps request bodies at 1 MiB and calls an oversized body a 400. Kestrel enforces
/// the cap while reading (and would answer 413); this middleware rejects a declared
/// Content-Length up front, and <see cref="GatewayExceptionHandler"/> turns Kestrel's 413 for
/// chunked bodies into the same 400.
/// </summary>
internal sealed class RequestBodyLimit(RequestDelegate next, IProblemDetailsService problems, ILogger<RequestBodyLimit> logger)
{
    public const long MaxBytes = 1024 * 1024;

    public static HttpValidationProblemDetails Problem() =>
        new(new Dictionary<string, string[]>
        {
            ["body"] = [$"The request body must not exceed 1 MiB ({MaxBytes} bytes)."],
        })
        {
            Status = StatusCodes.Status400BadRequest,
            Detail = $"The request body is larger than the limit of 1 MiB ({MaxBytes} bytes).",
        };

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength > MaxBytes)
        {
            GatewayLog.BodyTooLarge(logger, context.Request.ContentLength, context.EndpointLabel(), MaxBytes);
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = Problem() });
            return;
        }

        await next(context);
    }
}
