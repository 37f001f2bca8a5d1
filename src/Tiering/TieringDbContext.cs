using Microsoft.EntityFrameworkCore;
using Platform.Messaging;
using Platform.Messaging.Privacy;
using Platform.Tiering.Benefits;
using Platform.Tiering.Tiers;

namespace Platform.Tiering;

public sealed class TieringDbContext(DbContextOptions<TieringDbContext> options) : DbContext(options)
{
    public DbSet<ClientTier> ClientTiers => Set<ClientTier>();

    public DbSet<TierHistoryEntry> TierHistory => Set<TierHistoryEntry>();

    public DbSet<Benefit> Benefits => Set<Benefit>();

    public DbSet<BenefitRedemption> BenefitRedemptions => Set<BenefitRedemption>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // Each feature folder keeps its own IEntityTypeConfiguration classes.
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(TieringDbContext).Assembly);
        modelBuilder.AddMessagingTables();
        modelBuilder.AddErasureTombstones();
    }
}
