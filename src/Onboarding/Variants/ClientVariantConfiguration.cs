using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.ServiceDefaults.Validation;

namespace Platform.Onboarding.Variants;

internal sealed class ClientVariantConfiguration : IEntityTypeConfiguration<ClientVariant>
{
    public void Configure(EntityTypeBuilder<ClientVariant> variant)
    {
        variant.ToTable("client_variants");
        // One variant per client and experiment (assignment is sticky): a second exposure, or the same one delivered
        // again with another event id, adds nothing. Leading with the client id serves the report's join.
        variant.HasKey(v => new { v.ClientId, v.ExperimentKey });
        variant.Property(v => v.ClientId).HasColumnName("client_id").HasMaxLength(ClientIds.MaxLength);
        variant.Property(v => v.ExperimentKey).HasColumnName("experiment_key").HasMaxLength(VariantKeys.MaxExperimentKey);
        variant.Property(v => v.Variant).HasColumnName("variant").HasMaxLength(VariantKeys.MaxVariant);
        variant.Property(v => v.ItemId).HasColumnName("item_id").HasMaxLength(VariantKeys.MaxItemId);
        variant.Property(v => v.ExposedAt).HasColumnName("exposed_at");
        variant.Ignore(v => v.SliceKey);
    }
}
