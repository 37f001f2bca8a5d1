using System.Security.Cryptography;
using System.Text;

namespace Platform.Engagement.Channels;

/// <summary>
/// The webhook's proof of origin: HMAC-SHA256 with the channel's secret over the exact bytes of the body, as
/// <c>X-Platform-Signature: sha256=&lt;lower-case hex&gt;</c>. The body carries its own <c>sentAt</c>, so the
/// signature covers the time too and a receiver can refuse old replays; <c>X-Platform-Timestamp</c> repeats it.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-Platform-Signature";
    public const string TimestampHeader = "X-Platform-Timestamp";
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    private const string Prefix = "sha256=";

    public static string Compute(string secret, ReadOnlySpan<byte> body) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>What a receiver does: recompute and compare in constant time.</summary>
    public static bool Verify(string secret, ReadOnlySpan<byte> body, string? header) =>
        header is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Compute(secret, body)), Encoding.ASCII.GetBytes(header));
}
