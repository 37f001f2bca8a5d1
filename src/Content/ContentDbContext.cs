using Microsoft.EntityFrameworkCore;
using Platform.Content.Audience;
using Platform.Content.Catalog;
using Platform.Content.Experiments;
using Platform.Content.Profiles;
using Platform.Messaging;
using Platform.Messaging.Privacy;

namespace Platform.Content;

public sealed class ContentDbContext(DbContextOptions<ContentDbContext> options) : DbContext(options)
{
    public DbSet<CatalogItem> Items => Set<CatalogItem>();

    public DbSet<CatalogItemVersion> ItemVersions => Set<CatalogItemVersion>();

    public DbSet<Segment> Segments => Set<Segment>();

    public DbSet<ClientProfile> Profiles => Set<ClientProfile>();

    public DbSet<Experiment> Experiments => Set<Experiment>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // Each feature folder keeps its own IEntityTypeConfiguration classes.
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ContentDbContext).Assembly);
        modelBuilder.AddMessagingTables();
        modelBuilder.AddErasureTombstones();
    }
}
