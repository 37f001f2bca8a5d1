using System.Globalization;
using Confluent.Kafka;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Platform.Gateway.Auth;
using Platform.Messaging;
using Platform.Messaging.Producing;

namespace Platform.Gateway.CoreActivity;

/// <summary>
/// POST /v1/activity: the one route that does not call a service. Core systems' activity is a fact
/// to forward, so the gateway validates it and publishes it straight to activity.events (acks=all,
/// idempotent producer), answering only after Kafka acknowledged every event.
/// </summary>
internal static class ActivityEndpoints
{
    /// <summary>Beyond Messaging:DeliveryTimeout librdkafka reports a failure itself; this only guards against a lost report.</summary>
    private static readonly TimeSpan DeliveryReportGrace = TimeSpan.FromSeconds(2);

    public static RouteHandlerBuilder MapActivityEndpoints(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/v1/activity", PostActivity)
            .WithTags("Activity")
            .WithName("PostActivity")
            .WithSummary("Publishes a batch of core-system activity events (all or none)")
            .WithDescription(
                "Role system. 1 to 1000 events; one invalid event rejects the batch (400, errors keyed `events[i].field`) and "
                + "nothing is published. 202 only after Kafka acknowledged every event; 503 with Retry-After when it did not "
                + "(some events may have been published: resend the batch, consumers deduplicate on eventId). "
                + "`duplicates` counts events repeating an earlier eventId of the same batch; they are published once.")
            .RequireAuthorization(GatewayPolicies.System)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    internal static async Task<Results<Accepted<ActivityBatchResponse>, ValidationProblem, ProblemHttpResult>> PostActivity(
        ActivityBatchRequest request, HttpContext context, IEventPublisher publisher, IOptions<ActivityOptions> activityOptions,
        IOptions<MessagingOptions> messagingOptions, TimeProvider time, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(ActivityEndpoints));
        var errors = ActivityValidator.Validate(request, time.GetUtcNow(), activityOptions.Value.MaxClockSkew);
        if (errors.Count > 0)
        {
            var count = request.Events?.Count ?? 0;
            GatewayLog.ActivityRejected(logger, count, errors.Count);
            return TypedResults.ValidationProblem(errors, detail: errors.ContainsKey("events")
                ? "The batch size is out of range; nothing was published."
                : $"{ActivityValidator.InvalidEvents(errors)} of {count} events are invalid; nothing was published.");
        }

        var (envelopes, duplicates) = ActivityMessages.ToEnvelopes(request.Events!);
        try
        {
            // Not the request's token: an abandoned request must not leave the batch half-awaited; the
            // delivery timeout bounds the wait.
            await publisher.PublishAsync(Topics.ActivityEvents, envelopes, CancellationToken.None)
                .WaitAsync(messagingOptions.Value.DeliveryTimeout + DeliveryReportGrace);
        }
        catch (Exception exception) when (exception is KafkaException or TimeoutException)
        {
            var reason = exception is KafkaException kafka ? kafka.Error.Code.ToString() : "DeliveryReportTimeout";
            GatewayLog.ActivityPublishFailed(logger, envelopes.Count, reason);
            context.Response.Headers.RetryAfter =
                ((int)Math.Ceiling(activityOptions.Value.UnavailableRetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable,
                detail: "The event broker did not acknowledge the batch in time; resend it later (events already published are deduplicated by eventId).");
        }

        GatewayLog.ActivityPublished(logger, envelopes.Count, duplicates);
        return TypedResults.Accepted((string?)null, new ActivityBatchResponse(envelopes.Count, duplicates));
    }
}
