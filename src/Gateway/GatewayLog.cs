using Grpc.Core;

namespace Platform.Gateway;

/// <summary>The gateway's log events. Ids, codes and counts only: never bodies, names or other client data.</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
        Message = "Development tokens are enabled (Gateway:DevTokens); never enable them in production")]
    public static partial void DevTokensEnabled(ILogger logger);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning,
        Message = "No Gateway:Auth:DevSigningKey configured: signing dev tokens with a random key, so they stop working when the gateway restarts")]
    public static partial void DevSigningKeyGenerated(ILogger logger);

    // Debug: a benchmark or a test mints a token per simulated client (100,000 in one read phase).
    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Issued a dev token for role {Role}")]
    public static partial void DevTokenIssued(ILogger logger, string role);

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning,
        Message = "Downstream call for {Endpoint} failed with {StatusCode}; answering {HttpStatus}")]
    public static partial void DownstreamFailed(ILogger logger, string endpoint, StatusCode statusCode, int httpStatus);

    [LoggerMessage(EventId = 43, Level = LogLevel.Error,
        Message = "A service refused the token the gateway accepted for {Endpoint}; answering 503: check that the gateway's and the services' token settings (Gateway:Auth, Platform:Auth) name the same keys, issuer and audience")]
    public static partial void DownstreamRefusedToken(ILogger logger, string endpoint);

    [LoggerMessage(EventId = 11, Level = LogLevel.Error, Message = "Unhandled exception on {Endpoint}; answering 500")]
    public static partial void Unhandled(ILogger logger, string endpoint, Exception exception);

    [LoggerMessage(EventId = 12, Level = LogLevel.Debug, Message = "Rejected a request on {Endpoint} the gateway could not bind ({HttpStatus})")]
    public static partial void BadRequest(ILogger logger, string endpoint, int httpStatus);

    [LoggerMessage(EventId = 13, Level = LogLevel.Information,
        Message = "Rejected a request body of {ContentLength} bytes on {Endpoint} (limit {Limit})")]
    public static partial void BodyTooLarge(ILogger logger, long? contentLength, string endpoint, long limit);

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Rate limited a caller ({PartitionKind}) on {Endpoint}")]
    public static partial void RateLimited(ILogger logger, string partitionKind, string endpoint);

    [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "Denied a client access to another client's data on {Endpoint}")]
    public static partial void OtherClientDenied(ILogger logger, string endpoint);

    [LoggerMessage(EventId = 30, Level = LogLevel.Debug,
        Message = "Recorded step {Step} for event {EventId} (duplicate: {Duplicate})")]
    public static partial void StepRecorded(ILogger logger, string step, string eventId, bool duplicate);

    [LoggerMessage(EventId = 31, Level = LogLevel.Information, Message = "Funnel {Funnel} changed to version {Version}")]
    public static partial void FunnelChanged(ILogger logger, string funnel, int version);

    [LoggerMessage(EventId = 40, Level = LogLevel.Debug,
        Message = "Published {Count} activity events ({Duplicates} repeated event ids in the batch)")]
    public static partial void ActivityPublished(ILogger logger, int count, int duplicates);

    [LoggerMessage(EventId = 41, Level = LogLevel.Information,
        Message = "Rejected an activity batch of {Count} events ({Problems} problems); nothing published")]
    public static partial void ActivityRejected(ILogger logger, int count, int problems);

    [LoggerMessage(EventId = 42, Level = LogLevel.Warning,
        Message = "Kafka did not acknowledge an activity batch of {Count} events ({Reason}); answering 503")]
    public static partial void ActivityPublishFailed(ILogger logger, int count, string reason);
}
