using Microsoft.EntityFrameworkCore;
using Platform.Engagement.Lifecycle;
using Platform.Engagement.Timeline;
using Platform.Messaging;

namespace Platform.Engagement;

public sealed class EngagementDbContext(DbContextOptions<EngagementDbContext> options) : DbContext(options)
{
    public DbSet<ObservedEvent> ObservedEvents => Set<ObservedEvent>();

    public DbSet<ClientState> ClientStates => Set<ClientState>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new ObservedEventConfiguration());
        modelBuilder.ApplyConfiguration(new ClientStateConfiguration());
        modelBuilder.AddMessagingTables();
    }
}
