namespace Platform.Gateway.RateLimiting;

/// <summary>The bucket of each role's callers (defaults: client 10/s burst 20, operator 50/s burst 100, system 2000/s burst 4000).</summary>
public sealed class RoleRateLimits
{
    public RateLimit Client { get; set; } = new() { PermitsPerSecond = 10, Burst = 20 };

    public RateLimit Operator { get; set; } = new() { PermitsPerSecond = 50, Burst = 100 };

    public RateLimit System { get; set; } = new() { PermitsPerSecond = 2000, Burst = 4000 };
}
