using System.Collections.Concurrent;
using System.Text;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Platform.Onboarding.Grpc;
using Platform.Gateway.Tests.Funnel;

namespace Platform.Gateway.Tests.Infrastructure;

/// <summary>
/// A real gRPC server on a free port, with in-test Onboarding services (steps and progress, funnel
/// definitions, funnel reports). The client id's (or funnel name's) prefix picks the behaviour:
/// missing-, invalid-, conflict-, aborted-, exhausted-, unauthenticated-, denied-, crash-,
/// flaky-, slow-, garbled-; anything else works. It has no step rules of Onboarding's: tests of those run
/// against the real service (<see cref="RealServicesFixture"/>).
/// </summary>
public sealed class FakeOnboardingServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private FakeOnboardingServer(WebApplication app, Uri address)
    {
        this.app = app;
        Address = address;
    }

    public FakeOnboardingService Service => app.Services.GetRequiredService<FakeOnboardingService>();

    public FakeFunnelConfigService FunnelConfig => app.Services.GetRequiredService<FakeFunnelConfigService>();

    public FakeFunnelReportService FunnelReports => app.Services.GetRequiredService<FakeFunnelReportService>();

    /// <summary>Steps recorded and definitions stored.</summary>
    public StateChanges StateChanges => app.Services.GetRequiredService<StateChanges>();

    public Uri Address { get; }

    public static async Task<FakeOnboardingServer> StartAsync()
    {
        var (app, address) = await FakeGrpcHost.StartAsync(
            services => services.AddSingleton<FakeOnboardingService>().AddSingleton<FakeFunnelConfigService>().AddSingleton<FakeFunnelReportService>(),
            app =>
            {
                app.MapGrpcService<FakeOnboardingService>();
                app.MapGrpcService<FakeFunnelConfigService>();
                app.MapGrpcService<FakeFunnelReportService>();
            });
        return new FakeOnboardingServer(app, address);
    }

    public ValueTask DisposeAsync() => FakeGrpcHost.StopAsync(app);
}

public sealed class FakeOnboardingService(StateChanges changes) : OnboardingService.OnboardingServiceBase
{
    public static readonly DateTimeOffset LastActivity = new(2026, 11, 24, 1, 0, 0, TimeSpan.Zero);

    private static readonly string[] Steps =
    [
        "registered", "phone_verified", "id_uploaded", "id_verified", "face_verified", "profile_completed", "risk_assessed",
        "bank_card_bound", "depository_signed", "agreements_signed", "video_witnessed", "submitted", "approved",
    ];

    private readonly ConcurrentDictionary<string, RecordStepReply> replies = new();
    private readonly ConcurrentDictionary<string, int> calls = new();

    public ConcurrentDictionary<string, RecordStepRequest> Received { get; } = new();

    /// <summary>The caller's token as the gateway forwarded it, by event id: services authenticate the caller from it.</summary>
    public ConcurrentDictionary<string, string?> ReceivedTokens { get; } = new();

    /// <summary>Calls per method and client id, e.g. "GetProgress flaky-1".</summary>
    public int Calls(string method, string clientId) => calls.GetValueOrDefault($"{method} {clientId}");

    public override async Task<RecordStepReply> RecordStep(RecordStepRequest request, ServerCallContext context)
    {
        ReceivedTokens[request.EventId] = context.RequestHeaders.GetValue("authorization");
        var call = calls.AddOrUpdate($"RecordStep {request.ClientId}", 1, (_, n) => n + 1);
        await Misbehave(request.ClientId, call, context);

        Received[request.EventId] = request;
        var first = new RecordStepReply
        {
            ClientId = request.ClientId,
            Status = request.Step == "rejected" ? "rejected" : "in_progress",
            CurrentStep = request.Step,
            NextStep = Array.IndexOf(Steps, request.Step) is var i and >= 0 && i + 1 < Steps.Length ? Steps[i + 1] : string.Empty,
        };
        var reply = replies.GetOrAdd(request.EventId, first);
        if (!ReferenceEquals(reply, first))
        {
            return new RecordStepReply(reply) { Duplicate = true };
        }

        changes.Add();
        return reply;
    }

    public override async Task<ProgressReply> GetProgress(GetProgressRequest request, ServerCallContext context)
    {
        var call = calls.AddOrUpdate($"GetProgress {request.ClientId}", 1, (_, n) => n + 1);
        if (request.ClientId.StartsWith("flaky-", StringComparison.Ordinal) && call > 1)
        {
            return Progress(request.ClientId);   // the retry finds the service back
        }

        await Misbehave(request.ClientId, call, context);
        var progress = Progress(request.ClientId);
        if (request.ClientId.StartsWith("garbled-", StringComparison.Ordinal))
        {
            progress.LastActivityAt = new Timestamp { Seconds = long.MaxValue };   // the gateway cannot convert it
        }

        return progress;
    }

    private static ProgressReply Progress(string clientId) => new()
    {
        ClientId = clientId,
        Funnel = "standard",
        Status = "in_progress",
        CurrentStep = "id_uploaded",
        NextStep = "id_verified",
        CompletedSteps = { "registered", "phone_verified", "id_uploaded" },
        LastActivityAt = Timestamp.FromDateTimeOffset(LastActivity),
    };

    internal static async Task Misbehave(string clientId, int call, ServerCallContext context)
    {
        var prefix = clientId.Split('-')[0];
        switch (prefix)
        {
            case "missing":
                throw new RpcException(new Status(StatusCode.NotFound, "No such client."));
            case "invalid":
                throw new RpcException(
                    new Status(StatusCode.InvalidArgument, "The funnel does not exist."),
                    new Metadata { { "field-errors-bin", Encoding.UTF8.GetBytes("""{"funnel":["Unknown funnel."]}""") } });
            case "conflict":
                throw new RpcException(new Status(StatusCode.FailedPrecondition, "The client was already approved."));
            case "aborted":
                throw new RpcException(new Status(StatusCode.Aborted, "A concurrent change won; retry."));
            case "exhausted":
                throw new RpcException(new Status(StatusCode.ResourceExhausted, "The service is saturated."));
            case "unauthenticated":
                throw new RpcException(new Status(StatusCode.Unauthenticated, "Bad token."));
            case "denied":
                throw new RpcException(new Status(StatusCode.PermissionDenied, "The client's tier is below the benefit's minimum."));
            case "crash":
                throw new InvalidOperationException("secret internals at Platform.Onboarding.Something");
            case "flaky":
                throw new RpcException(new Status(StatusCode.Unavailable, $"Down for call {call}."));
            case "slow":
                await Task.Delay(Timeout.Infinite, context.CancellationToken);
                break;
        }
    }
}
