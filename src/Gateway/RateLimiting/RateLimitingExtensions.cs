using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Platform.Gateway.Auth;
using Platform.Gateway.Errors;

namespace Platform.Gateway.RateLimiting;

internal static class RateLimitingExtensions
{
    private static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(1);

    /// <summary>
    /// One token bucket per caller, sized by its role: the token's role and `sub` when
    /// authenticated, else the remote address with the anonymous size. Health probes are never
    /// limited. A rejected request gets a 429 problem with Retry-After.
    /// </summary>
    public static IHostApplicationBuilder AddGatewayRateLimiting(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<GatewayRateLimitOptions>().BindConfiguration(GatewayRateLimitOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<GatewayRateLimitOptions>, GatewayRateLimitOptionsValidator>();

        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<GatewayRateLimitOptions>>((limiter, options) =>
        {
            var limits = options.Value;
            var buckets = new Dictionary<string, TokenBucketRateLimiterOptions>(StringComparer.Ordinal)
            {
                [GatewayRoles.Client] = Bucket(limits.Roles.Client),
                [GatewayRoles.Operator] = Bucket(limits.Roles.Operator),
                [GatewayRoles.System] = Bucket(limits.Roles.System),
            };
            var anonymous = Bucket(limits.Anonymous);
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, CallerKey>(context => Caller(context) is { } caller
                ? RateLimitPartition.GetTokenBucketLimiter(caller, key => key.Role is { } role ? buckets[role] : anonymous)
                : RateLimitPartition.GetNoLimiter(default(CallerKey)));
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = OnRejectedAsync;
        });
        return builder;
    }

    private static TokenBucketRateLimiterOptions Bucket(RateLimit limit)
    {
        // Whole tokens per period: 50/s is 50 every second, 0.5/s is 1 every 2 seconds.
        var tokensPerPeriod = Math.Max(1, (int)Math.Floor(limit.PermitsPerSecond));
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = limit.Burst,
            TokensPerPeriod = tokensPerPeriod,
            ReplenishmentPeriod = TimeSpan.FromSeconds(tokensPerPeriod / limit.PermitsPerSecond),
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }

    /// <summary>Whose bucket a request takes from; null for health probes.</summary>
    private static CallerKey? Caller(HttpContext context)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments(ServiceDefaultsExtensions.HealthPath) || path.StartsWithSegments(ServiceDefaultsExtensions.AlivePath))
        {
            return null;
        }

        // The same `sub` under two roles is two callers: a role's size must not be shared with another's.
        return context.User.CallerRole() is { } role && context.User.Subject() is { Length: > 0 } subject
            ? new CallerKey(role, subject)
            : new CallerKey(null, context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
    }

    /// <summary>A caller: its role and `sub`, or no role and its remote address.</summary>
    private readonly record struct CallerKey(string? Role, string Id);

    private static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) && wait > TimeSpan.Zero ? wait : DefaultRetryAfter;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));

        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RateLimitingExtensions));
        GatewayLog.RateLimited(logger, context.User.Identity?.IsAuthenticated == true ? "subject" : "address", context.EndpointLabel());

        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Detail = $"Too many requests; retry after {seconds} s.",
            },
        });
    }
}
