using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Content.Catalog;

internal sealed class CatalogItemConfiguration : IEntityTypeConfiguration<CatalogItem>
{
    public void Configure(EntityTypeBuilder<CatalogItem> item)
    {
        item.ToTable("content_items", t =>
        {
            // A product always carries its risk; any other kind may (see ItemSpec).
            t.HasCheckConstraint("ck_content_items_risk", "(kind <> 'Product' OR risk IS NOT NULL) AND (risk IS NULL OR risk BETWEEN 1 AND 5)");
            t.HasCheckConstraint("ck_content_items_validity", "valid_to IS NULL OR valid_from IS NULL OR valid_to > valid_from");
        });
        item.HasKey(i => i.ItemId);
        item.Property(i => i.ItemId).HasColumnName("item_id").HasMaxLength(64);
        item.Property(i => i.Kind).HasColumnName("kind").HasConversion<string>().HasMaxLength(16);
        item.Property(i => i.Title).HasColumnName("title").HasMaxLength(ItemSpec.MaxTitleLength);
        item.Property(i => i.Body).HasColumnName("body").HasMaxLength(ItemSpec.MaxBodyLength);
        item.Property(i => i.Risk).HasColumnName("risk");
        item.Property(i => i.Tiers).HasColumnName("tiers");
        item.Property(i => i.Stages).HasColumnName("stages");
        item.Property(i => i.Tags).HasColumnName("tags");
        item.Property(i => i.Segment).HasColumnName("segment").HasMaxLength(64);
        item.Property(i => i.ValidFrom).HasColumnName("valid_from");
        item.Property(i => i.ValidTo).HasColumnName("valid_to");
        item.Property(i => i.Priority).HasColumnName("priority");
        item.Property(i => i.Moments).HasColumnName("moments");
        item.Property(i => i.Channels).HasColumnName("channels");
        item.Property(i => i.Labels).HasColumnName("labels");
        // Two operators saving at once: the second save fails instead of silently undoing the first.
        item.Property(i => i.Version).HasColumnName("version").IsConcurrencyToken();
        item.Property(i => i.UpdatedAt).HasColumnName("updated_at");
        item.Ignore(i => i.Targeting);
        item.HasIndex(i => i.Kind);
        // No HasData: the seed is rows operators edit, inserted once by the SeedCatalog migration (CatalogSeedSql).
    }
}

internal sealed class CatalogItemVersionConfiguration : IEntityTypeConfiguration<CatalogItemVersion>
{
    public void Configure(EntityTypeBuilder<CatalogItemVersion> version)
    {
        version.ToTable("content_item_versions");
        version.HasKey(v => new { v.ItemId, v.Version });
        version.Property(v => v.ItemId).HasColumnName("item_id").HasMaxLength(64);
        version.Property(v => v.Version).HasColumnName("version");
        version.Property(v => v.Definition).HasColumnName("definition").HasColumnType("jsonb");
        version.Property(v => v.SavedAt).HasColumnName("saved_at");
        version.HasOne<CatalogItem>().WithMany().HasForeignKey(v => v.ItemId).OnDelete(DeleteBehavior.Restrict);
    }
}
