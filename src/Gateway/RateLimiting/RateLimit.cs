namespace Platform.Gateway.RateLimiting;

/// <summary>One caller's bucket.</summary>
public sealed class RateLimit
{
    /// <summary>Sustained requests per second; below 1 means one request every 1/x seconds.</summary>
    public double PermitsPerSecond { get; set; }

    /// <summary>Bucket size: how many requests a caller may send at once after being idle.</summary>
    public int Burst { get; set; }
}
