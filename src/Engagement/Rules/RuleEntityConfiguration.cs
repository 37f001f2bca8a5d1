using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Engagement.Rules;

internal sealed class StoredRuleConfiguration : IEntityTypeConfiguration<StoredRule>
{
    public void Configure(EntityTypeBuilder<StoredRule> rule)
    {
        rule.ToTable("rules", t => t.HasCheckConstraint("ck_rules_version", "version >= 1"));
        rule.HasKey(r => r.Key);
        rule.Property(r => r.Key).HasColumnName("key").HasMaxLength(40);
        rule.Property(r => r.Definition).HasColumnName("definition").HasColumnType("jsonb");
        rule.Property(r => r.Version).HasColumnName("version").IsConcurrencyToken();
        rule.Property(r => r.UpdatedAt).HasColumnName("updated_at");
        // No HasData: the seed is rows operators edit, inserted once by the Rules migration (RuleSeedSql).
    }
}

internal sealed class StoredRuleVersionConfiguration : IEntityTypeConfiguration<StoredRuleVersion>
{
    public void Configure(EntityTypeBuilder<StoredRuleVersion> version)
    {
        version.ToTable("rule_versions");
        version.HasKey(v => new { v.Key, v.Version });
        version.Property(v => v.Key).HasColumnName("key").HasMaxLength(40);
        version.Property(v => v.Version).HasColumnName("version");
        version.Property(v => v.Definition).HasColumnName("definition").HasColumnType("jsonb");
        version.Property(v => v.SavedAt).HasColumnName("saved_at");
        version.HasOne<StoredRule>().WithMany().HasForeignKey(v => v.Key).OnDelete(DeleteBehavior.Restrict);
    }
}
