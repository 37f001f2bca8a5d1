using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.ServiceDefaults.Validation;

namespace Platform.Content.Feed;

internal sealed class FeedInvalidationConfiguration : IEntityTypeConfiguration<FeedInvalidation>
{
    public void Configure(EntityTypeBuilder<FeedInvalidation> invalidation)
    {
        invalidation.ToTable("feed_invalidations");
        invalidation.HasKey(i => i.ClientId);
        invalidation.Property(i => i.ClientId).HasColumnName("client_id").HasMaxLength(ClientIds.MaxLength);
        invalidation.Property(i => i.Version).HasColumnName("version");
        invalidation.Property(i => i.RequestedAt).HasColumnName("requested_at");
        // Every replica's retry loop reads the oldest waiting requests each interval: after an outage there may be millions.
        invalidation.HasIndex(i => i.RequestedAt);
    }
}
