using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Platform.Bench.Common.Hosting;

namespace Platform.Bench.Onboarding.Baseline;

/// <summary>
/// The yardstick: a plain minimal-API endpoint in this process that binds the same JSON body
/// and answers 202 with a small JSON, doing nothing else. Same route, same load generator and
/// settings as the gateway, so the ratio shows what auth, validation, gRPC, PostgreSQL and the
/// outbox cost on top of Kestrel and JSON on this machine, in this run.
/// </summary>
public sealed class BaselineServer : IAsyncDisposable
{
    private readonly PlainKestrel server;

    private BaselineServer(PlainKestrel server)
    {
        this.server = server;
    }

    public Uri Url => server.Url("/v1/onboarding/steps");

    public static async Task<BaselineServer> StartAsync() => new(await PlainKestrel.StartAsync(
        services => services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, BaselineJson.Default)),
        app => app.MapPost("/v1/onboarding/steps", (StepBody step) =>
            TypedResults.Accepted((string?)null, new StepAnswer(step.ClientId, "in_progress", step.Step, null, Duplicate: false)))));

    public ValueTask DisposeAsync() => server.DisposeAsync();
}

/// <summary>The gateway's step body, bound the same way (every field, by System.Text.Json).</summary>
public sealed record StepBody(string? EventId, string? ClientId, string? Funnel, string? Step, DateTimeOffset? OccurredAt, string? Channel,
    string? Campaign, string? Device, int? Attempt, string? RiskLevel);

/// <summary>The gateway's answer shape.</summary>
public sealed record StepAnswer(string? ClientId, string Status, string? CurrentStep, string? NextStep, bool Duplicate);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(StepBody))]
[JsonSerializable(typeof(StepAnswer))]
internal sealed partial class BaselineJson : JsonSerializerContext;
