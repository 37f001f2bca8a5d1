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
    /// One token bucket per caller: the token's `sub` when authenticated, else the remote address.
    /// Health probes are never limited. A rejected request gets a 429 problem with Retry-After.
    /// </summary>
    public static IHostApplicationBuilder AddGatewayRateLimiting(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<GatewayRateLimitOptions>().BindConfiguration(GatewayRateLimitOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<GatewayRateLimitOptions>, GatewayRateLimitOptionsValidator>();

        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<GatewayRateLimitOptions>>((limiter, limits) =>
        {
            var bucket = Bucket(limits.Value);
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context) is { } key
                ? RateLimitPartition.GetTokenBucketLimiter(key, _ => bucket)
                : RateLimitPartition.GetNoLimiter(string.Empty));
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = OnRejectedAsync;
        });
        return builder;
    }

    private static TokenBucketRateLimiterOptions Bucket(GatewayRateLimitOptions limits)
    {
        // Whole tokens per period: 50/s is 50 every second, 0.5/s is 1 every 2 seconds.
        var tokensPerPeriod = Math.Max(1, (int)Math.Floor(limits.PermitsPerSecond));
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = limits.Burst,
            TokensPerPeriod = tokensPerPeriod,
            ReplenishmentPeriod = TimeSpan.FromSeconds(tokensPerPeriod / limits.PermitsPerSecond),
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }

    private static string? Partition(HttpContext context)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments(ServiceDefaultsExtensions.HealthPath) || path.StartsWithSegments(ServiceDefaultsExtensions.AlivePath))
        {
            return null;
        }

        return context.User.Subject() is { Length: > 0 } subject
            ? "sub:" + subject
            : "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
    }

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
