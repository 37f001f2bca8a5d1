using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Onboarding.Backfill;

internal sealed class BackfillCompletionConfiguration : IEntityTypeConfiguration<BackfillCompletion>
{
    public const int MaxNameLength = 64;

    public void Configure(EntityTypeBuilder<BackfillCompletion> completion)
    {
        completion.ToTable("backfills");
        completion.HasKey(c => c.Name);
        completion.Property(c => c.Name).HasColumnName("name").HasMaxLength(MaxNameLength);
        completion.Property(c => c.CompletedAt).HasColumnName("completed_at");
    }
}
