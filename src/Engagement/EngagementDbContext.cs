using Microsoft.EntityFrameworkCore;
using Platform.Engagement.Privacy;
using Platform.Engagement.Timeline;
using Platform.Messaging;

namespace Platform.Engagement;

public sealed class EngagementDbContext(DbContextOptions<EngagementDbContext> options) : DbContext(options)
{
    public DbSet<ObservedEvent> ObservedEvents => Set<ObservedEvent>();

    public DbSet<ClientErasure> ClientErasures => Set<ClientErasure>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new ObservedEventConfiguration());
        modelBuilder.ApplyConfiguration(new ClientErasureConfiguration());
        modelBuilder.AddMessagingTables();
    }
}
