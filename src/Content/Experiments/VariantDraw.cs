using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Platform.Content.Experiments;

/// <summary>
/// The deterministic draw behind sticky assignment: a hash of the experiment key and the
/// client id maps the client to a point in [0, 1), and the variants' weights cut that interval
/// into ranges. Every replica and every restart draws the same variant for the same weights.
/// The assignment is then stored, so that a later weight change moves only clients not yet
/// assigned: the draw decides once, the stored row forever after.
/// </summary>
public static class VariantDraw
{
    /// <summary>The client's point in [0, 1) for this experiment, uniform over client ids.</summary>
    public static double Point(string experimentKey, string clientId)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        // The separator keeps ("ab", "c") and ("a", "bc") apart; neither a key nor a client id may hold a newline.
        SHA256.HashData(Encoding.UTF8.GetBytes($"{experimentKey}\n{clientId}"), hash);
        return (BinaryPrimitives.ReadUInt64BigEndian(hash) >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>The variant whose range holds the client's point; variants of weight 0 are never drawn.</summary>
    public static string Choose(IReadOnlyList<VariantWeight> variants, string experimentKey, string clientId)
    {
        long total = 0;
        foreach (var variant in variants)
        {
            total += variant.Weight;
        }

        if (total <= 0)
        {
            throw new ArgumentException("at least one variant needs a positive weight", nameof(variants));
        }

        var target = Point(experimentKey, clientId) * total;
        long cumulative = 0;
        foreach (var variant in variants)
        {
            cumulative += variant.Weight;
            if (target < cumulative)
            {
                return variant.Name;
            }
        }

        // Only floating-point rounding at the very top of the interval reaches here.
        return variants.Last(v => v.Weight > 0).Name;
    }
}
