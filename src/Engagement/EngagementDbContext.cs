using Microsoft.EntityFrameworkCore;
using Platform.Engagement.Advisor;
using Platform.Engagement.Inbox;
using Platform.Engagement.Outreach;
using Platform.Engagement.Outreach.Firing;
using Platform.Engagement.Outreach.Delivery;
using Platform.Engagement.Outreach.Reports;
using Platform.Engagement.Rules;
using Platform.Engagement.Settings;
using Platform.Engagement.Lifecycle;
using Platform.Engagement.Privacy;
using Platform.Engagement.Timeline;
using Platform.Messaging;

namespace Platform.Engagement;

public sealed class EngagementDbContext(DbContextOptions<EngagementDbContext> options) : DbContext(options)
{
    public DbSet<ObservedEvent> ObservedEvents => Set<ObservedEvent>();

    public DbSet<InboxEntry> InboxEntries => Set<InboxEntry>();

    public DbSet<AdvisorTaskRecord> AdvisorTasks => Set<AdvisorTaskRecord>();

    public DbSet<OutreachInstance> OutreachInstances => Set<OutreachInstance>();
    public DbSet<OutreachDelivery> OutreachDeliveries => Set<OutreachDelivery>();

    public DbSet<GoalEvent> GoalEvents => Set<GoalEvent>();

    public DbSet<MomentTimer> MomentTimers => Set<MomentTimer>();
    public DbSet<StoredRule> Rules => Set<StoredRule>();

    public DbSet<StoredRuleVersion> RuleVersions => Set<StoredRuleVersion>();

    public DbSet<ClientState> ClientStates => Set<ClientState>();
    public DbSet<ClientErasure> ClientErasures => Set<ClientErasure>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new ObservedEventConfiguration());
        modelBuilder.ApplyConfiguration(new InboxEntryConfiguration());
        modelBuilder.ApplyConfiguration(new AdvisorTaskConfiguration());
        modelBuilder.ApplyConfiguration(new OutreachInstanceConfiguration());
        modelBuilder.ApplyConfiguration(new MomentTimerConfiguration());
        modelBuilder.ApplyConfiguration(new OutreachDeliveryConfiguration());
        modelBuilder.ApplyConfiguration(new GoalEventConfiguration());
        modelBuilder.ApplyConfiguration(new StoredRuleConfiguration());
        modelBuilder.ApplyConfiguration(new StoredRuleVersionConfiguration());
        modelBuilder.ApplyConfiguration(new StoredSettingsConfiguration());
        modelBuilder.ApplyConfiguration(new ClientStateConfiguration());
        modelBuilder.ApplyConfiguration(new ClientErasureConfiguration());
        UseByteOrder(modelBuilder);
        modelBuilder.AddMessagingTables();
    }

    /// <summary>
    /// Every text column of this service's tables compares byte by byte (collation "C"): they hold identifiers (client ids,
    /// instance keys, rule keys, moments) and machine-written texts, never sorted for a reader. The database's default
    /// collation (C.UTF-8, en_US...) compares through the C library's strcoll on every step of every index descent: in the
    /// consumer's profile the text comparisons were a tenth of PostgreSQL's CPU, where "C" is a memcmp. It also keeps the
    /// indexes' order independent of the C library's collation tables, which an OS upgrade can change under a built index.
    /// The messaging tables (outbox, inbox) keep the platform's defaults.
    /// </summary>
    private static void UseByteOrder(ModelBuilder modelBuilder)
    {
        static bool IsText(string? columnType) => columnType is null or "text" || columnType.StartsWith("character varying", StringComparison.Ordinal);
        var texts = modelBuilder.Model.GetEntityTypes().SelectMany(entity => entity.GetProperties())
            .Where(property => property.ClrType == typeof(string) && IsText(property.GetColumnType()));
        foreach (var property in texts)
        {
            property.SetCollation("C");
        }
    }
}
