using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Onboarding.Funnel;
using Platform.Onboarding.Grpc;
using Platform.ServiceDefaults;
using Platform.TestSupport.Auth;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;

namespace Platform.Onboarding.Tests.Funnel;

/// <summary>
/// A client's bad step is its own 400, never its batch's 503: steps of many clients are recorded
/// together, and a value the database refuses would otherwise fail every step batched with it.
/// </summary>
public sealed class HostileStepTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker)
{
    public static TheoryData<string, string> BadFields => new()
    {
        { "campaign", "camp\u0000aign" },
        { "campaign", new string('x', StepFields.MaxCampaign + 1) },
        { "device", "ios\u0007" },
        { "device", "\t" },
        { "campaign", new string(' ', StepFields.MaxCampaign + 1) },
        { "device", new string('d', StepFields.MaxDevice + 1) },
        { "reason", new string('r', StepFields.MaxReason + 1) },
        { "reason", "\u0085" },
        { "funnel", "stand\u0000ard" },
        { "clientId", "c-\u0000" },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task ATextTheDatabaseCannotHoldIsAFieldErrorAndRecordsNothing(string field, string value)
    {
        await using var service = await OnboardingHost.StartAsync(postgres, redis, broker);
        var onboarding = new OnboardingService.OnboardingServiceClient(service.CreateGrpcChannel());
        var step = Step("h-" + Guid.NewGuid().ToString("N")[..12]);
        switch (field)
        {
            case "campaign": step.Campaign = value; break;
            case "device": step.Device = value; break;
            case "reason": step.Reason = value; break;
            case "funnel": step.Funnel = value; break;
            default: step.ClientId = value; break;
        }

        var error = await Assert.ThrowsAsync<RpcException>(() => onboarding.RecordStepAsync(step).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var fields = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string[]>>(error.Trailers.GetValueBytes(GrpcFieldErrors.Trailer));
        Assert.Equal([field], fields!.Keys);
        var progress = await Assert.ThrowsAsync<RpcException>(() =>
            onboarding.GetProgressAsync(new GetProgressRequest { ClientId = step.ClientId }).ResponseAsync);
        Assert.Equal(field == "clientId" ? StatusCode.InvalidArgument : StatusCode.NotFound, progress.StatusCode);
    }

    [Fact]
    public async Task AStepTheDatabaseRefusesFailsAloneAndTheStepsBatchedWithItCommit()
    {
        // A gap in validation, made on purpose: the database refuses any batch holding a "poison-" client's step.
        await using var service = await OnboardingHost.StartAsync(postgres.Server.NewDatabaseConnectionString("poison"),
            redis.Server.ConnectionString, broker.BootstrapServers, services: s => s.AddSingleton<IStepBatchRows, RefusedForPoisonClients>());
        var onboarding = new OnboardingService.OnboardingServiceClient(service.CreateGrpcChannel());
        var poison = Enumerable.Range(0, 5).Select(_ => "poison-" + Guid.NewGuid().ToString("N")[..8]).ToList();
        var others = Enumerable.Range(0, 200).Select(_ => "h-" + Guid.NewGuid().ToString("N")[..12]).ToList();

        var calls = poison.Concat(others).OrderBy(_ => Random.Shared.Next())
            .Select(async clientId => (clientId, Status: await StatusOf(onboarding.RecordStepAsync(Step(clientId)).ResponseAsync))).ToList();
        var outcomes = await Task.WhenAll(calls);

        Assert.All(outcomes.Where(o => o.clientId.StartsWith("poison-", StringComparison.Ordinal)), o => Assert.Equal(StatusCode.InvalidArgument, o.Status));
        var failedOthers = outcomes.Where(o => !o.clientId.StartsWith("poison-", StringComparison.Ordinal) && o.Status != StatusCode.OK).ToList();
        Assert.True(failedOthers.Count == 0, $"{failedOthers.Count} of {others.Count} other clients' steps failed: {string.Join(", ", failedOthers.Select(o => o.Status).Distinct())}");
        foreach (var clientId in others.Take(10))
        {
            Assert.Equal("registered", (await onboarding.GetProgressAsync(new GetProgressRequest { ClientId = clientId })).CurrentStep);
        }
    }

    [Fact]
    public async Task AStepThatFailsForAReasonNotInItsValuesIsUnavailableSoTheCallerRetriesIt()
    {
        // A bug in a feature's rows (here a division by zero), not the step's values: a 400 would make the app drop a valid step.
        await using var service = await OnboardingHost.StartAsync(postgres.Server.NewDatabaseConnectionString("bugrows"),
            redis.Server.ConnectionString, broker.BootstrapServers, services: s => s.AddSingleton<IStepBatchRows, FailingForBugClients>());
        var onboarding = new OnboardingService.OnboardingServiceClient(service.CreateGrpcChannel());

        var error = await Assert.ThrowsAsync<RpcException>(() => onboarding.RecordStepAsync(Step("bug-" + Guid.NewGuid().ToString("N")[..8])).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    private static async Task<StatusCode> StatusOf(Task call)
    {
        try
        {
            await call;
            return StatusCode.OK;
        }
        catch (RpcException ex)
        {
            return ex.StatusCode;
        }
    }

    private static RecordStepRequest Step(string clientId) => new()
    {
        EventId = Guid.CreateVersion7().ToString(),
        ClientId = clientId,
        Funnel = "standard",
        Step = "registered",
        OccurredAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddMinutes(-1)),
        Channel = "short_video",
        Campaign = "double11",
        Device = "ios",
    };

    /// <summary>Adds a statement whose value PostgreSQL refuses (an invalid UTF-8 byte sequence, 22021) to any batch with a "poison-" client.</summary>
    private sealed class RefusedForPoisonClients : IStepBatchRows
    {
        public IEnumerable<NpgsqlBatchCommand> RowsFor(StepBatchDecisions decisions)
        {
            if (decisions.Changed.Keys.Any(id => id.StartsWith("poison-", StringComparison.Ordinal)))
            {
                yield return new NpgsqlBatchCommand(@"SELECT convert_from('\xff'::bytea, 'UTF8')");
            }
        }
    }

    /// <summary>Adds a statement that fails for a reason other than a value (division by zero) to any batch with a "bug-" client.</summary>
    private sealed class FailingForBugClients : IStepBatchRows
    {
        public IEnumerable<NpgsqlBatchCommand> RowsFor(StepBatchDecisions decisions)
        {
            if (decisions.Changed.Keys.Any(id => id.StartsWith("bug-", StringComparison.Ordinal)))
            {
                yield return new NpgsqlBatchCommand("SELECT 1 / 0");
            }
        }
    }
}
