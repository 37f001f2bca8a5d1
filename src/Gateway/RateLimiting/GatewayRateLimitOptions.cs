namespace Platform.Gateway.RateLimiting;

/// <summary>
/// Token buckets per caller, sized by the caller's role, bound from "Gateway:RateLimit". A client
/// app is one person, an operator one desk, a core system speaks for every client of the
/// brokerage: each role gets its own size. Callers without a valid token are limited by address,
/// at most as generously as a client.
/// </summary>
public sealed class GatewayRateLimitOptions
{
    public const string SectionName = "Gateway:RateLimit";

    /// <summary>Gateway:RateLimit:Roles:{client|operator|system}.</summary>
    public RoleRateLimits Roles { get; set; } = new();

    /// <summary>Callers without a valid token, per remote address.</summary>
    public RateLimit Anonymous { get; set; } = new() { PermitsPerSecond = 5, Burst = 10 };
}
