using System.Text.Json;
using Grpc.Core;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Platform.Gateway.Downstream;

namespace Platform.Gateway.Errors;

/// <summary>
/// The one place where exceptions become responses: downstream gRPC failures (through
/// <see cref="GrpcErrorMapping"/>), binding failures (malformed JSON, wrong types, unknown enum
/// values, oversized bodies) and anything unexpected, which is a 500 with a generic detail and the
/// trace id. No exception message or stack trace ever reaches the caller.
/// </summary>
internal sealed class GatewayExceptionHandler(
    IProblemDetailsService problems, GrpcErrorMapping grpcErrors, ILogger<GatewayExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is RpcException { StatusCode: StatusCode.Cancelled } && context.RequestAborted.IsCancellationRequested)
        {
            context.Response.StatusCode = StatusCodes.Status499ClientClosedRequest;   // nobody is listening
            return true;
        }

        var problem = exception switch
        {
            RpcException rpc => FromDownstream(context, rpc),
            BadHttpRequestException bad => FromBinding(context, bad.StatusCode, bad.InnerException as JsonException, bad.Message),
            JsonException json => FromBinding(context, StatusCodes.Status400BadRequest, json, message: null),
            _ => Unexpected(context, exception),
        };

        context.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }

    private ProblemDetails FromDownstream(HttpContext context, RpcException rpc)
    {
        var mapped = grpcErrors.Map(rpc);
        if (mapped.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (rpc.StatusCode == Grpc.Core.StatusCode.Unauthenticated)
        {
            GatewayLog.DownstreamRefusedToken(logger, context.EndpointLabel());
        }
        else
        {
            GatewayLog.DownstreamFailed(logger, context.EndpointLabel(), rpc.StatusCode, mapped.Problem.Status ?? 0);
        }
        return mapped.Problem;
    }

    private ProblemDetails FromBinding(HttpContext context, int status, JsonException? json, string? message)
    {
        GatewayLog.BadRequest(logger, context.EndpointLabel(), status);
        if (status == StatusCodes.Status413PayloadTooLarge)
        {
            return RequestBodyLimit.Problem();
        }

        if (status == StatusCodes.Status415UnsupportedMediaType)
        {
            return new ProblemDetails { Status = status, Detail = "The request body must be JSON (Content-Type: application/json)." };
        }

        var errors = json is not null ? BindingErrors.FromJson(json) : BindingErrors.FromMessage(message);
        return errors is null
            ? new ProblemDetails { Status = status, Detail = "The request could not be read." }
            : new HttpValidationProblemDetails(errors) { Status = StatusCodes.Status400BadRequest, Detail = "The request could not be read." };
    }

    private ProblemDetails Unexpected(HttpContext context, Exception exception)
    {
        GatewayLog.Unhandled(logger, context.EndpointLabel(), exception);
        return new ProblemDetails
        {
            Status = StatusCodes.Status500InternalServerError,
            Detail = "An unexpected error occurred. Quote the traceId when reporting it.",
        };
    }
}
