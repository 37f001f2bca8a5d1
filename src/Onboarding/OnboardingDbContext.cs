using Microsoft.EntityFrameworkCore;
using Platform.Messaging;
using Platform.Messaging.Privacy;
using Platform.Onboarding.Funnel;

namespace Platform.Onboarding;

public sealed class OnboardingDbContext(DbContextOptions<OnboardingDbContext> options) : DbContext(options)
{
    public DbSet<ClientFunnel> ClientFunnels => Set<ClientFunnel>();

    public DbSet<RecordedStepEvent> RecordedStepEvents => Set<RecordedStepEvent>();

    public DbSet<StoredFunnelDefinition> FunnelDefinitions => Set<StoredFunnelDefinition>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // Each feature folder keeps its own IEntityTypeConfiguration classes.
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(OnboardingDbContext).Assembly);
        modelBuilder.AddMessagingTables();
        modelBuilder.AddErasureTombstones();
    }
}
