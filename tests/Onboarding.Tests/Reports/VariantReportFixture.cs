using Google.Protobuf.WellKnownTypes;
using Npgsql;
using Platform.Content.Events;
using Platform.Messaging;
using Platform.Messaging.Envelope;
using Platform.Messaging.Postgres;
using Platform.Onboarding.Grpc;
using Platform.TestSupport.Auth;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;
using Platform.TestSupport.Services;

namespace Platform.Onboarding.Tests.Reports;

/// <summary>
/// One Onboarding host (a database of its own) for the report by variant: Content's exposures arrive on
/// content.events as Content publishes them, steps through RecordStep. Each test records on a cohort day of its own
/// (<see cref="Day"/>) and reads the report of that day only.
/// </summary>
public sealed class VariantReportFixture(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker) : IAsyncLifetime
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    private ServiceFactory<OnboardingDbContext>? service;

    public string Database { get; } = postgres.Server.NewDatabaseConnectionString("variants");

    public ServiceFactory<OnboardingDbContext> Service => service ?? throw new InvalidOperationException("Not started.");

    public OnboardingDriver Driver { get; private set; } = null!;

    public FunnelReportService.FunnelReportServiceClient Reports { get; private set; } = null!;

    /// <summary>A past cohort day of test <paramref name="n"/>'s own, 9:00 in Shanghai.</summary>
    public static DateTimeOffset Day(int n) =>
        new(DateTimeOffset.UtcNow.ToOffset(Shanghai).Date.AddDays(-20 - n).AddHours(9), Shanghai);

    public async ValueTask InitializeAsync()
    {
        service = await OnboardingHost.StartAsync(Database, redis.Server.ConnectionString, broker.BootstrapServers);
        Driver = new OnboardingDriver(Service, broker.BootstrapServers);
        Reports = new FunnelReportService.FunnelReportServiceClient(Service.CreateGrpcChannel(TestTokens.Operator()));
    }

    public async ValueTask DisposeAsync()
    {
        if (service is not null)
        {
            await service.DisposeAsync();
        }
    }

    /// <summary>Content's ExposureRecorded, as its outbox publishes it.</summary>
    public static EventEnvelope Exposure(string clientId, string experiment, string variant, DateTimeOffset at) =>
        EventEnvelope.Create(clientId, new ExposureRecorded
        {
            ClientId = clientId, ExperimentKey = experiment, Variant = variant, ItemId = $"{experiment}-{variant}",
            OccurredAt = Timestamp.FromDateTimeOffset(at),
        }, at, at);

    /// <summary>Publishes the exposures and waits until Onboarding has handled (committed) each of them.</summary>
    public async Task ExposeAsync(params EventEnvelope[] exposures)
    {
        await KafkaMessages.ProduceAsync(broker.BootstrapServers, Topics.ContentEvents, exposures);
        foreach (var exposure in exposures.DistinctBy(e => e.EventId))
        {
            await Driver.HandledAsync(exposure.EventId);
        }
    }

    /// <summary>The report of the one cohort day <paramref name="day"/> lies on, grouped by <paramref name="by"/>.</summary>
    public async Task<IReadOnlyDictionary<string, long[]>> EnteredAsync(string by, DateTimeOffset day) =>
        (await ReportAsync(by, day)).Groups.ToDictionary(g => g.Key, g => g.Steps.Select(s => s.Entered).ToArray());

    /// <summary>
    /// The report once <paramref name="ready"/> holds: the report by variant adds the increments not projected yet, the
    /// others read the projected cells only, which follow the steps within about a second (Onboarding:Reports:Interval).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, long[]>> EnteredWhenAsync(string by, DateTimeOffset day, Func<IReadOnlyDictionary<string, long[]>, bool> ready)
    {
        IReadOnlyDictionary<string, long[]> entered = new Dictionary<string, long[]>();
        await Platform.TestSupport.Processes.ChildProcess.WaitUntilAsync(async () => ready(entered = await EnteredAsync(by, day)),
            TimeSpan.FromSeconds(30), $"the report by '{by}' projected");
        return entered;
    }

    public Task<FunnelReportReply> ReportAsync(string by, DateTimeOffset day)
    {
        var start = new DateTimeOffset(day.ToOffset(Shanghai).Date, Shanghai);
        return Reports.GetFunnelReportAsync(new FunnelReportRequest
        {
            Funnel = "standard", By = by, From = Timestamp.FromDateTimeOffset(start), To = Timestamp.FromDateTimeOffset(start.AddDays(1)),
        }).ResponseAsync;
    }

    /// <summary>
    /// Holds the report projector's lock until the connection is disposed, as a replica projecting would: the
    /// increments of the steps recorded meanwhile stay pending, as they are for a moment after every batch.
    /// </summary>
    public async Task<NpgsqlConnection> HoldProjectorAsync()
    {
        // Unpooled: disposing closes the session, which ends the transaction and its lock.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Database) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var locking = new NpgsqlCommand(AdvisoryLocks.TryLockSingle(LockFamily.ReportProjector), connection, transaction);
        // The projector takes it for a moment every round: retry until this test holds it.
        await TestSupport.Processes.ChildProcess.WaitUntilAsync(async () => await locking.ExecuteScalarAsync() is true,
            TimeSpan.FromSeconds(30), "the report projector's lock");
        return connection;
    }
}
