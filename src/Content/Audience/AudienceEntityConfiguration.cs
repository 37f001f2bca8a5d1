using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Content.Targeting;

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
