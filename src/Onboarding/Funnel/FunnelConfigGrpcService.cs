using Microsoft.AspNetCore.Authorization;
using Platform.ServiceDefaults.Auth;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Platform.Onboarding.Grpc;
using Platform.ServiceDefaults;

namespace Platform.Onboarding.Funnel;

/// <summary>Operators read and change funnels; every change is a new version.</summary>
[Authorize(Roles = CallerRoles.Operator)]
public sealed class FunnelConfigGrpcService(FunnelDefinitionStore definitions) : FunnelConfigService.FunnelConfigServiceBase
{
    public override async Task<FunnelDefinitionReply> GetFunnel(GetFunnelRequest request, ServerCallContext context)
    {
        var latest = await definitions.GetLatestAsync(request.Name, context.CancellationToken)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"No funnel named '{request.Name}'."));
        return ToReply(latest.Stored, latest.Definition);
    }

    public override async Task<FunnelDefinitionReply> PutFunnel(PutFunnelRequest request, ServerCallContext context)
    {
        var steps = request.Steps.Select(s => (s.Step, (IReadOnlyList<string>)s.OptionalOnChannels.ToArray())).ToArray();
        var stallAfter = request.StallAfter.Select(d => d.ToTimeSpan()).ToArray();
        var dormantAfter = request.DormantAfter?.ToTimeSpan() ?? TimeSpan.Zero;
        var errors = FunnelDefinition.Validate(steps, stallAfter, dormantAfter);
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 64)
        {
            errors["name"] = ["is required, at most 64 characters"];
        }

        if (errors.Count > 0)
        {
            throw GrpcFieldErrors.InvalidArgument(errors);
        }

        var parsed = steps.Select(s => FunnelSteps.TryParse(s.Step, out var step) ? step : default).ToArray();
        var optional = request.Steps.Where(s => s.OptionalOnChannels.Count > 0).ToDictionary(
            s => parsed[request.Steps.IndexOf(s)], s => (IReadOnlySet<string>)new HashSet<string>(s.OptionalOnChannels, StringComparer.Ordinal));
        var stored = await definitions.PutAsync(request.Name, parsed, optional, stallAfter, dormantAfter,
            string.IsNullOrWhiteSpace(request.ChangedBy) ? "unknown" : request.ChangedBy, context.CancellationToken);
        return ToReply(stored, stored.ToDefinition());
    }

    private static FunnelDefinitionReply ToReply(StoredFunnelDefinition stored, FunnelDefinition definition)
    {
        var reply = new FunnelDefinitionReply
        {
            Name = definition.Name,
            Version = definition.Version,
            DormantAfter = Duration.FromTimeSpan(definition.DormantAfter),
            ChangedAt = Timestamp.FromDateTimeOffset(stored.ChangedAt),
            ChangedBy = stored.ChangedBy,
        };
        reply.StallAfter.AddRange(definition.StallAfter.Select(Duration.FromTimeSpan));
        foreach (var step in definition.Steps)
        {
            var item = new FunnelStepDefinition { Step = step.ToWireName() };
            if (definition.OptionalOnChannels.TryGetValue(step, out var channels))
            {
                item.OptionalOnChannels.AddRange(channels.Order(StringComparer.Ordinal));
            }

            reply.Steps.Add(item);
        }

        return reply;
    }
}
