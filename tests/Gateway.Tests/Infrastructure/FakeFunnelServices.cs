using System.Collections.Concurrent;
using System.Text;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Platform.Onboarding.Grpc;

namespace Platform.Gateway.Tests.Infrastructure;

/// <summary>Funnel definitions in memory: every PUT is a new version. Names starting with missing-, invalid- etc. misbehave.</summary>
public sealed class FakeFunnelConfigService(StateChanges changes) : FunnelConfigService.FunnelConfigServiceBase
{
    public static readonly DateTimeOffset ChangedAt = new(2026, 11, 24, 2, 30, 0, TimeSpan.Zero);

    private readonly ConcurrentDictionary<string, FunnelDefinitionReply> funnels = new();

    /// <summary>The last PUT per funnel name, as the gateway sent it.</summary>
    public ConcurrentDictionary<string, PutFunnelRequest> Received { get; } = new();

    /// <summary>Stores a definition as if an operator had put it (for GET tests).</summary>
    public void Store(FunnelDefinitionReply definition) => funnels[definition.Name] = definition;

    public override async Task<FunnelDefinitionReply> GetFunnel(GetFunnelRequest request, ServerCallContext context)
    {
        await FakeOnboardingService.Misbehave(request.Name, 1, context);
        return funnels.TryGetValue(request.Name, out var definition)
            ? definition
            : throw new RpcException(new Status(StatusCode.NotFound, "No such funnel."));
    }

    public override async Task<FunnelDefinitionReply> PutFunnel(PutFunnelRequest request, ServerCallContext context)
    {
        if (request.Name.StartsWith("invalid-", StringComparison.Ordinal))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "The definition breaks a rule."),
                new Metadata { { "field-errors-bin", Encoding.UTF8.GetBytes("""{"steps[0].step":["The funnel must start with registered."]}""") } });
        }

        await FakeOnboardingService.Misbehave(request.Name, 1, context);
        Received[request.Name] = request;
        changes.Add();
        return funnels.AddOrUpdate(request.Name, _ => Reply(request, 1), (_, previous) => Reply(request, previous.Version + 1));
    }

    private static FunnelDefinitionReply Reply(PutFunnelRequest request, int version) => new()
    {
        Name = request.Name,
        Version = version,
        Steps = { request.Steps },
        StallAfter = { request.StallAfter },
        DormantAfter = request.DormantAfter,
        ChangedAt = Timestamp.FromDateTimeOffset(ChangedAt),
        ChangedBy = request.ChangedBy,
    };
}

/// <summary>
/// A canned report for any funnel: three steps; one group `all`, or two groups when sliced. The
/// second step has no median. Funnel names starting with missing-, invalid- etc. misbehave.
/// </summary>
public sealed class FakeFunnelReportService : FunnelReportService.FunnelReportServiceBase
{
    /// <summary>The last request per funnel name, as the gateway sent it.</summary>
    public ConcurrentDictionary<string, FunnelReportRequest> Received { get; } = new();

    public override async Task<FunnelReportReply> GetFunnelReport(FunnelReportRequest request, ServerCallContext context)
    {
        if (request.Funnel.StartsWith("missing-", StringComparison.Ordinal))
        {
            throw new RpcException(new Status(StatusCode.NotFound, "No such funnel."));
        }

        await FakeOnboardingService.Misbehave(request.Funnel, 1, context);
        Received[request.Funnel] = request;
        var reply = new FunnelReportReply { Funnel = request.Funnel, From = request.From, To = request.To };
        var keys = request.By.Length == 0 ? ["all"] : new[] { "short_video", "branch" };
        foreach (var key in keys)
        {
            reply.Groups.Add(new FunnelReportGroup
            {
                Key = key,
                OverallConversion = 0.25,
                Steps =
                {
                    new FunnelStepStats { Step = "registered", Entered = 8, Completed = 6, Dropped = 2, ConversionFromPrevious = 1 },
                    new FunnelStepStats
                    {
                        Step = "phone_verified", Entered = 6, Completed = 2, Dropped = 4, ConversionFromPrevious = 0.75,
                        MedianSecondsFromPrevious = 0, HasMedian = false,
                    },
                    new FunnelStepStats
                    {
                        Step = "id_uploaded", Entered = 2, Completed = 0, Dropped = 2, ConversionFromPrevious = 1.0 / 3,
                        MedianSecondsFromPrevious = 90.5, HasMedian = true,
                    },
                },
            });
        }

        return reply;
    }
}
