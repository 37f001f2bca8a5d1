using Platform.ServiceDefaults;
using System.Text.Json;
using System.Text;
using Grpc.Core;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Platform.Gateway.Downstream;

/// <summary>
/// How a failed gRPC call becomes an HTTP problem. Services send field errors with
/// InvalidArgument as the trailer <c>field-errors-bin</c>: UTF-8 JSON of the form
/// <c>{"field": ["message", ...]}</c>, field names as the gateway's JSON spells them
/// (camelCase). The ASCII trailer <c>x-field-errors</c> with the same JSON is read too.
/// The status detail is shown for 4xx answers, so services write it for the caller;
/// it is never shown for 5xx answers.
/// </summary>
internal sealed class GrpcErrorMapping(IOptions<DownstreamOptions> options)
{
    public const string FieldErrorsTrailer = GrpcFieldErrors.Trailer;
    public const string FieldErrorsTextTrailer = "x-field-errors";

    public MappedProblem Map(RpcException exception)
    {
        var detail = string.IsNullOrWhiteSpace(exception.Status.Detail) ? null : exception.Status.Detail;
        return exception.StatusCode switch
        {
            StatusCode.Unavailable or StatusCode.DeadlineExceeded => new(
                new ProblemDetails { Status = StatusCodes.Status503ServiceUnavailable, Detail = "A service this request needs is unavailable; try again later." },
                options.Value.UnavailableRetryAfter),
            // The gateway accepted the caller's token and a service refused it: the two disagree on token
            // validation (keys, issuer, audience, the identity provider unreachable from the service, a token
            // expiring between the two checks). Not the caller's fault; logged as an error by the handler.
            StatusCode.Unauthenticated => new(
                new ProblemDetails { Status = StatusCodes.Status503ServiceUnavailable, Detail = "A service this request needs refused to authenticate it; try again later." },
                options.Value.UnavailableRetryAfter),
            StatusCode.ResourceExhausted => new(
                new ProblemDetails { Status = StatusCodes.Status429TooManyRequests, Detail = detail ?? "A service this request needs is overloaded; try again later." },
                options.Value.UnavailableRetryAfter),
            StatusCode.NotFound => new(new ProblemDetails { Status = StatusCodes.Status404NotFound, Detail = detail ?? "Not found." }),
            StatusCode.InvalidArgument or StatusCode.OutOfRange => new(Invalid(exception, detail)),
            StatusCode.PermissionDenied => new(new ProblemDetails { Status = StatusCodes.Status403Forbidden, Detail = detail ?? "Not allowed." }),
            StatusCode.AlreadyExists or StatusCode.FailedPrecondition or StatusCode.Aborted => new(
                new ProblemDetails { Status = StatusCodes.Status409Conflict, Detail = detail ?? "The request conflicts with the current state." }),
            _ => new(new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Detail = "An unexpected error occurred. Quote the traceId when reporting it.",
            }),
        };
    }

    private static ProblemDetails Invalid(RpcException exception, string? detail)
    {
        var errors = ReadFieldErrors(exception.Trailers);
        return errors is null
            ? new ProblemDetails { Status = StatusCodes.Status400BadRequest, Detail = detail ?? "The request is not valid." }
            : new HttpValidationProblemDetails(errors) { Status = StatusCodes.Status400BadRequest, Detail = detail };
    }

    private static Dictionary<string, string[]>? ReadFieldErrors(Metadata trailers)
    {
        var bytes = trailers.GetValueBytes(FieldErrorsTrailer)
            ?? (trailers.GetValue(FieldErrorsTextTrailer) is { } text ? Encoding.UTF8.GetBytes(text) : null);
        if (bytes is null)
        {
            return null;
        }

        try
        {
            var errors = JsonSerializer.Deserialize(bytes, DownstreamJsonContext.Default.DictionaryStringStringArray);
            return errors is { Count: > 0 } ? errors : null;
        }
        catch (JsonException)
        {
            return null;   // a malformed trailer must not turn a 400 into a 500
        }
    }
}

internal sealed record MappedProblem(ProblemDetails Problem, TimeSpan? RetryAfter = null);
