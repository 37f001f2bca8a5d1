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
        invalidation.Property(i => i.WrittenAt).HasColumnName("written_at");
        // Every replica's retry loop reads the oldest pending requests each interval: after an outage there may be millions,
        // among up to an hour's worth of written ones.
        invalidation.HasIndex(i => i.RequestedAt).HasFilter("written_at IS NULL");
        // ... and forgets the written ones once no copy they replaced can still be alive.
        invalidation.HasIndex(i => i.WrittenAt).HasFilter("written_at IS NOT NULL");
    }
}

internal sealed class NotedRedisIncarnationConfiguration : IEntityTypeConfiguration<NotedRedisIncarnation>
{
    public void Configure(EntityTypeBuilder<NotedRedisIncarnation> noted)
    {
        noted.ToTable("feed_redis_incarnation", t => t.HasCheckConstraint("ck_feed_redis_incarnation_one_row", $"id = {NotedRedisIncarnation.OnlyRow}"));
        noted.HasKey(n => n.Id);
        noted.Property(n => n.Id).HasColumnName("id").ValueGeneratedNever();
        noted.Property(n => n.Incarnation).HasColumnName("incarnation").HasMaxLength(200);
        noted.Property(n => n.NotedAt).HasColumnName("noted_at");
    }
}
