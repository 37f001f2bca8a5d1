using System.Text.Json.Serialization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Platform.Gateway.Auth;

/// <summary>POST /v1/dev/tokens: mapped only in local mode (Gateway:DevTokens=true); absent (404) otherwise.</summary>
internal static class DevTokenEndpoints
{
    public static WebApplication MapDevTokens(this WebApplication app)
    {
        var auth = app.Services.GetRequiredService<IOptions<GatewayAuthOptions>>().Value;
        if (!auth.DevTokens)
        {
            return app;
        }

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DevTokenEndpoints));
        GatewayLog.DevTokensEnabled(logger);
        if (app.Services.GetRequiredService<DevSigningKey>().Generated)
        {
            GatewayLog.DevSigningKeyGenerated(logger);
        }

        app.MapPost("/v1/dev/tokens", IssueToken)
            .WithName("IssueDevToken")
            .WithSummary("Mints a development token (local mode only)")
            .WithTags("Development")
            .AllowAnonymous()
            // Local mode only (never in production): tests and benchmarks mint thousands of tokens, which the
            // anonymous callers' limit (by address) would throttle for nothing.
            .DisableRateLimiting();
        return app;
    }

    internal static Results<Ok<DevTokenResponse>, ValidationProblem> IssueToken(
        DevTokenRequest request, DevTokenIssuer issuer, ILoggerFactory loggers)
    {
        Dictionary<string, string[]> errors = [];
        if (request.Role is null || !GatewayRoles.All.Contains(request.Role))
        {
            errors["role"] = [$"Must be one of: {string.Join(", ", GatewayRoles.All)}."];
        }

        if (string.IsNullOrWhiteSpace(request.Subject))
        {
            errors["subject"] = ["Required: the client id for role client, any caller name otherwise."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var (token, expiresAt) = issuer.Issue(request.Role!, request.Subject!);
        GatewayLog.DevTokenIssued(loggers.CreateLogger(typeof(DevTokenEndpoints)), request.Role!);
        return TypedResults.Ok(new DevTokenResponse(token, expiresAt));
    }
}

public sealed record DevTokenRequest(string? Role, string? Subject);

public sealed record DevTokenResponse(string Token, DateTimeOffset ExpiresAt);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(DevTokenRequest))]
[JsonSerializable(typeof(DevTokenResponse))]
internal sealed partial class AuthJsonContext : JsonSerializerContext;
