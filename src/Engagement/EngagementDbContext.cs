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
        modelBuilder.AddMessagingTables();
    }
}
