using Platform.Tiering.Tiers;

namespace Platform.Tiering.Tests.Tiers;

/// <summary>
/// DOMAIN.md's tier rules written as plainly as possible, as the expectation a client's tier is
/// checked against: upgrade as soon as ADA qualifies; downgrade only at a review, only below 90% of
/// the tier's minimum, only when the previous review warned; recovering to 90% clears the warning;
/// "near" the next tier (once per approach) from 90% of its minimum.
/// </summary>
public sealed class ExpectedTier
{
    public Tier Tier { get; private set; }

    public bool Warned { get; private set; }

    private Tier? nearAnnounced;

    /// <summary>What one step should produce.</summary>
    public readonly record struct Step(bool Changed, bool Warned, bool Near);

    public Step Recalculate(decimal ada)
    {
        var before = Tier;
        if (DomainTiers.For(ada) > Tier)
        {
            MoveTo(DomainTiers.For(ada));
        }
        else if (Warned && ada >= DomainTiers.NinetyPercentOf(Tier))
        {
            Warned = false;
        }

        return new(Tier != before, false, Approaches(ada));
    }

    public Step Review(decimal ada)
    {
        var before = Tier;
        var recalculated = Recalculate(ada);
        if (ada >= DomainTiers.NinetyPercentOf(Tier))
        {
            return recalculated;
        }

        if (Warned)
        {
            MoveTo(DomainTiers.For(ada));
            return new(true, false, Approaches(ada) || recalculated.Near);
        }

        Warned = true;
        return new(Tier != before, true, recalculated.Near);
    }

    private void MoveTo(Tier tier) => (Tier, Warned, nearAnnounced) = (tier, false, null);

    private bool Approaches(decimal ada)
    {
        var next = Tier == Tier.V7 ? (Tier?)null : Tier + 1;
        if (next is not { } n || ada < DomainTiers.NinetyPercentOf(n) || ada >= DomainTiers.MinimumOf(n))
        {
            nearAnnounced = null;
            return false;
        }

        var announce = nearAnnounced != n;
        nearAnnounced = n;
        return announce;
    }
}
