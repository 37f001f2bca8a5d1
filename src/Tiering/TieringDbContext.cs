using Microsoft.EntityFrameworkCore;
using Platform.Messaging;

namespace Platform.Tiering;

/// <summary>Tiering's own database. Today it holds the messaging tables; the tiering features add theirs.</summary>
public sealed class TieringDbContext(DbContextOptions<TieringDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddMessagingTables();
}
