using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Platform.Engagement.Policies;

/// <summary>
/// The holdout: a stable share of clients that gets no outreach at all, for every moment alike, so the moments'
/// uplift can be measured against them. A client's bucket (0..9999) is a hash of its id: the same in every process,
/// version and restart (SHA-256, never <see cref="string.GetHashCode()"/>, which .NET randomises per process). A
/// client is held out when its bucket is below the percent in hundredths, so raising the percent only adds clients:
/// one held out at 10% stays held out at 20%.
/// </summary>
public static class HoldoutPolicy
{
    public const int Buckets = 10_000;

    // A prefix of its own keeps the holdout independent of any other split of clients by the same id (experiments).
    private const string Salt = "engagement-holdout:";

    public static int BucketOf(string clientId)
    {
        ArgumentNullException.ThrowIfNull(clientId);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(Salt + clientId), hash);
        return (int)(BinaryPrimitives.ReadUInt64BigEndian(hash) % Buckets);
    }

    /// <param name="percent">0..100, in hundredths at most (settings refuse finer values); 0: nobody, 100: everybody.</param>
    public static bool IsHeldOut(string clientId, decimal percent) => BucketOf(clientId) < percent * 100;
}
