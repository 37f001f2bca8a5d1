using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.ServiceDefaults.Validation;

namespace Platform.Content.Profiles;

internal sealed class ClientProfileConfiguration : IEntityTypeConfiguration<ClientProfile>
{
    public void Configure(EntityTypeBuilder<ClientProfile> profile)
    {
        profile.ToTable("client_profiles", t => t.HasCheckConstraint("ck_client_profiles_risk", "risk_tolerance IS NULL OR risk_tolerance BETWEEN 1 AND 5"));
        profile.HasKey(p => p.ClientId);
        profile.Property(p => p.ClientId).HasColumnName("client_id").HasMaxLength(ClientIds.MaxLength);
        profile.Property(p => p.OperatorTags).HasColumnName("operator_tags").HasDefaultValueSql("'{}'");
        profile.Property(p => p.RiskTolerance).HasColumnName("risk_tolerance");
        profile.Property(p => p.RiskLevelSequence).HasColumnName("risk_level_sequence");
        profile.Property(p => p.RiskLevelPosition).HasColumnName("risk_level_position");
        profile.Property(p => p.Channel).HasColumnName("channel").HasMaxLength(ProfileFacts.MaxChannelLength);
        profile.Property(p => p.Campaign).HasColumnName("campaign").HasMaxLength(ProfileFacts.MaxCampaignLength);
        profile.Property(p => p.RegisteredAt).HasColumnName("registered_at");
        profile.Property(p => p.ApprovedAt).HasColumnName("approved_at");
        profile.Property(p => p.FundedAt).HasColumnName("funded_at");
        profile.Property(p => p.LastTradeAt).HasColumnName("last_trade_at");
        profile.Property(p => p.Tier).HasColumnName("tier").HasMaxLength(2);
        profile.Property(p => p.TierChangedAt).HasColumnName("tier_changed_at");
        profile.Property(p => p.AmountToNextTier).HasColumnName("amount_to_next_tier").HasPrecision(20, 2);
        profile.Property(p => p.AmountToNextTierAt).HasColumnName("amount_to_next_tier_at");
        profile.Property(p => p.EngagementStage).HasColumnName("engagement_stage").HasMaxLength(2);
        profile.Property(p => p.EngagementStageAt).HasColumnName("engagement_stage_at");
        profile.Property(p => p.Version).HasColumnName("version").HasDefaultValue(1L);
        profile.Property(p => p.UpdatedAt).HasColumnName("updated_at");
    }
}
