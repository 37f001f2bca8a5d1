using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Tiering.Tiers;

namespace Platform.Tiering.Benefits;

internal sealed class BenefitConfiguration : IEntityTypeConfiguration<Benefit>
{
    public void Configure(EntityTypeBuilder<Benefit> benefit)
    {
        benefit.ToTable("benefits", t => t.HasCheckConstraint("ck_benefits_quota", "quota_count IS NULL OR quota_count >= 0"));
        benefit.HasKey(b => b.BenefitId);
        benefit.Property(b => b.BenefitId).HasColumnName("benefit_id").HasMaxLength(64);
        benefit.Property(b => b.Name).HasColumnName("name").HasMaxLength(BenefitSpec.MaxNameLength);
        benefit.Property(b => b.Kind).HasColumnName("kind").HasConversion<string>().HasMaxLength(16);
        benefit.Property(b => b.MinTier).HasColumnName("min_tier").HasConversion<string>().HasMaxLength(2);
        benefit.Property(b => b.QuotaCount).HasColumnName("quota_count");
        benefit.Property(b => b.QuotaPeriod).HasColumnName("quota_period").HasConversion<string>().HasMaxLength(16);
        benefit.Property(b => b.Active).HasColumnName("active");
        // Two operators saving at once: the second save fails instead of silently undoing the first.
        benefit.Property(b => b.Version).HasColumnName("version").IsConcurrencyToken();
        benefit.Property(b => b.UpdatedAt).HasColumnName("updated_at");
        benefit.Ignore(b => b.Quota);
        benefit.HasData(BenefitSeed.Rows());
    }
}

internal sealed class BenefitRedemptionConfiguration : IEntityTypeConfiguration<BenefitRedemption>
{
    public void Configure(EntityTypeBuilder<BenefitRedemption> redemption)
    {
        redemption.ToTable("benefit_redemptions");
        redemption.HasKey(r => r.RedemptionId);
        redemption.Property(r => r.RedemptionId).HasColumnName("redemption_id").ValueGeneratedNever();
        redemption.Property(r => r.ClientId).HasColumnName("client_id").HasMaxLength(Platform.ServiceDefaults.Validation.ClientIds.MaxLength);
        redemption.Property(r => r.BenefitId).HasColumnName("benefit_id").HasMaxLength(64);
        redemption.Property(r => r.RedemptionKey).HasColumnName("redemption_key").HasMaxLength(BenefitRedeemer.MaxKeyLength);
        redemption.Property(r => r.Tier).HasColumnName("tier").HasConversion<string>().HasMaxLength(2);
        redemption.Property(r => r.RedeemedAt).HasColumnName("redeemed_at");
        redemption.Property(r => r.RedeemedOn).HasColumnName("redeemed_on");
        // The key is the client's: the same key is the same redemption, whoever retries it.
        redemption.HasIndex(r => new { r.ClientId, r.RedemptionKey }).IsUnique();
        redemption.HasIndex(r => new { r.ClientId, r.RedeemedOn, r.BenefitId });
        redemption.HasOne<Benefit>().WithMany().HasForeignKey(r => r.BenefitId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>The examples of DOMAIN.md, section 2: what a new deployment offers until operators change it.</summary>
internal static class BenefitSeed
{
    private static readonly DateTimeOffset SeededAt = new(2026, 11, 26, 0, 0, 0, TimeSpan.Zero);

    private static readonly (string Id, string Name, BenefitKind Kind, Tier MinTier, int? Quota, QuotaPeriod? Period)[] Catalog =
    [
        ("commission-discount", "Commission discount", BenefitKind.Product, Tier.V1, null, null),
        ("level2-market-data", "Level-2 market data", BenefitKind.Service, Tier.V3, null, null),
        ("research-reports", "Research reports", BenefitKind.Service, Tier.V4, null, null),
        ("vip-hotline", "VIP hotline", BenefitKind.Service, Tier.V5, null, null),
        ("dedicated-advisor", "Dedicated 1:1 wealth advisor", BenefitKind.Service, Tier.V6, null, null),
        ("offline-events", "Offline investor events", BenefitKind.Privilege, Tier.V6, 4, QuotaPeriod.Year),
        .. PremiumCard(),
    ];

    /// <summary>The premium card of V7: 30 privileges.</summary>
    private static IEnumerable<(string, string, BenefitKind, Tier, int?, QuotaPeriod?)> PremiumCard()
    {
        (string Id, string Name, int? Quota, QuotaPeriod? Period)[] privileges =
        [
            ("airport-lounge", "Airport VIP lounge", 12, QuotaPeriod.Year),
            ("airport-transfer", "Airport limousine transfer", 6, QuotaPeriod.Year),
            ("airport-fast-track", "Airport fast-track security", 12, QuotaPeriod.Year),
            ("rail-lounge", "High-speed rail business lounge", 12, QuotaPeriod.Year),
            ("chauffeur", "Chauffeur service", 6, QuotaPeriod.Year),
            ("golf", "Golf green fee", 4, QuotaPeriod.Year),
            ("health-check", "Annual premium health check", 1, QuotaPeriod.Year),
            ("specialist-appointment", "Top-hospital specialist appointment", 4, QuotaPeriod.Year),
            ("medical-second-opinion", "International medical second opinion", 1, QuotaPeriod.Year),
            ("dental-care", "Dental care", 2, QuotaPeriod.Year),
            ("hotel-upgrade", "Luxury hotel room upgrade", 4, QuotaPeriod.Year),
            ("hotel-night", "Complimentary hotel night", 2, QuotaPeriod.Year),
            ("fine-dining", "Fine dining reservation", 1, QuotaPeriod.Month),
            ("lifestyle-concierge", "24/7 lifestyle concierge", null, null),
            ("travel-insurance", "Travel insurance", null, null),
            ("car-care", "Premium car care", 1, QuotaPeriod.Month),
            ("fitness-club", "Fitness club pass", 1, QuotaPeriod.Month),
            ("wellness-spa", "Wellness spa day", 4, QuotaPeriod.Year),
            ("family-office", "Family office consultation", 2, QuotaPeriod.Year),
            ("tax-planning", "Tax planning consultation", 2, QuotaPeriod.Year),
            ("legal-consultation", "Legal consultation", 2, QuotaPeriod.Year),
            ("estate-planning", "Estate and trust planning session", 1, QuotaPeriod.Year),
            ("education-advisory", "Overseas education advisory", 2, QuotaPeriod.Year),
            ("art-exhibition", "Private art exhibition", 4, QuotaPeriod.Year),
            ("concert-tickets", "Concert and theatre tickets", 4, QuotaPeriod.Year),
            ("wine-salon", "Wine tasting salon", 2, QuotaPeriod.Year),
            ("birthday-gift", "Birthday gift", 1, QuotaPeriod.Year),
            ("investment-summit", "Private investment summit", 2, QuotaPeriod.Year),
            ("economist-briefing", "Chief economist private briefing", 1, QuotaPeriod.Quarter),
            ("priority-subscription", "Priority new-issue subscription service", null, null),
        ];
        return privileges.Select(p => ($"premium-card-{p.Id}", $"Premium card: {p.Name}", BenefitKind.Privilege, Tier.V7, p.Quota, p.Period));
    }

    public static int PremiumCardPrivileges => PremiumCard().Count();

    public static IEnumerable<object> Rows() => Catalog.Select(b => new
    {
        BenefitId = b.Id, b.Name, b.Kind, b.MinTier, QuotaCount = b.Quota, QuotaPeriod = b.Period, Active = true, Version = 1, UpdatedAt = SeededAt,
    });
}
