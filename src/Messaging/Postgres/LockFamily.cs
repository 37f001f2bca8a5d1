namespace Platform.Messaging.Postgres;

/// <summary>
/// The classes of transaction-scoped advisory locks, the first key of PostgreSQL's two-key form
/// (<c>pg_advisory_xact_lock(class, hashtext(key))</c>). Two families never exclude each other whatever their keys: a
/// client whose id reads like another family's key (<c>funnel:standard</c>) no longer takes that lock. Every advisory
/// lock of the platform takes its class from here (see <see cref="AdvisoryLocks"/>); the values are part of the
/// replicas' protocol, so never renumber one, only add.
/// </summary>
public enum LockFamily
{
    /// <summary>One transaction at a time per client id (<see cref="ClientLocks"/>).</summary>
    Client = 1,

    /// <summary>One outbox relay publishing at a time per database.</summary>
    OutboxRelay = 2,

    /// <summary>One report projector at a time per database (Onboarding).</summary>
    ReportProjector = 3,

    /// <summary>One writer at a time per funnel definition name (Onboarding's operators).</summary>
    FunnelDefinition = 4,

    /// <summary>Content: one experiment definition or item edit at a time per catalogue item (no item in two running experiments, arms alike).</summary>
    ContentExperimentItem = 5,

    /// <summary>Content: an experiment's assignment draws (shared) against a change of its definition (exclusive).</summary>
    ContentExperiment = 6,

    /// <summary>Content: one exposure or conversion at a time per experiment and client, so neither misses the other.</summary>
    ContentExperimentClient = 7,
}
