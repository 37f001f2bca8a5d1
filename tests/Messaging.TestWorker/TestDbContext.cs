using Microsoft.EntityFrameworkCore;

namespace Platform.Messaging.TestWorker;

/// <summary>A service database in miniature: a state table, an application log without uniqueness (so double applies show), and the messaging tables.</summary>
public sealed class TestDbContext(DbContextOptions<TestDbContext> options) : DbContext(options)
{
    public DbSet<Counter> Counters => Set<Counter>();

    public DbSet<Application> Applications => Set<Application>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddMessagingTables();
        modelBuilder.Entity<Counter>(e =>
        {
            e.ToTable("counters");
            e.HasKey(c => c.ClientId);
            e.Property(c => c.ClientId).HasColumnName("client_id");
            e.Property(c => c.Value).HasColumnName("value");
        });
        modelBuilder.Entity<Application>(e =>
        {
            e.ToTable("applications");
            e.HasKey(a => a.Id);
            e.Property(a => a.Id).HasColumnName("id").UseIdentityAlwaysColumn();
            e.Property(a => a.EventId).HasColumnName("event_id");
            e.Property(a => a.ClientId).HasColumnName("client_id");
            e.Property(a => a.Sequence).HasColumnName("sequence");
            e.Property(a => a.Offset).HasColumnName("offset");
            e.Property(a => a.TransactionId).HasColumnName("transaction_id");
        });
    }
}

public sealed class Counter
{
    public required string ClientId { get; set; }

    public long Value { get; set; }
}

public sealed class Application
{
    public long Id { get; set; }

    public Guid EventId { get; set; }

    public required string ClientId { get; set; }

    public long Sequence { get; set; }

    /// <summary>The event's offset in its partition (recorded by the batch handler only).</summary>
    public long Offset { get; set; }

    /// <summary>The transaction that applied it (recorded by the batch handler only).</summary>
    public long TransactionId { get; set; }
}
