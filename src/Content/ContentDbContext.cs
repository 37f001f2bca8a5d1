using Microsoft.EntityFrameworkCore;
using Platform.Messaging;

namespace Platform.Content;

/// <summary>Content's own database. Today it holds the messaging tables; the content features add theirs.</summary>
public sealed class ContentDbContext(DbContextOptions<ContentDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddMessagingTables();
}
