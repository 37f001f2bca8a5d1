using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Content.Targeting;
using Platform.ServiceDefaults.Validation;

namespace Platform.Content.Audience;

internal sealed class SegmentConfiguration : IEntityTypeConfiguration<Segment>
{
    public void Configure(EntityTypeBuilder<Segment> segment)
    {
        segment.ToTable("segments");
        segment.HasKey(s => s.Key);
        segment.Property(s => s.Key).HasColumnName("key").HasMaxLength(64);
        segment.Property(s => s.Expression).HasColumnName("expression").HasMaxLength(SegmentExpression.MaxLength);
        segment.Property(s => s.Version).HasColumnName("version").IsConcurrencyToken();
        segment.Property(s => s.UpdatedAt).HasColumnName("updated_at");
    }
}

internal sealed class ClientProfileConfiguration : IEntityTypeConfiguration<ClientProfile>
{
    public void Configure(EntityTypeBuilder<ClientProfile> profile)
    {
        profile.ToTable("client_profiles");
        profile.HasKey(p => p.ClientId);
        profile.Property(p => p.ClientId).HasColumnName("client_id").HasMaxLength(ClientIds.MaxLength);
        profile.Property(p => p.OperatorTags).HasColumnName("operator_tags");
        profile.Property(p => p.UpdatedAt).HasColumnName("updated_at");
    }
}
