using Grpc.Net.ClientFactory;
using Microsoft.Extensions.Options;
using Platform.Content.Grpc;

namespace Platform.Engagement.Outreach.Decisions;

public static class DecisionsExtensions
{
    /// <summary>The decision worker and what it needs: Content's selection API (found as "content" by service discovery) and the recorder.</summary>
    public static IHostApplicationBuilder AddOutreachDecisions(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DecisionOptions>().BindConfiguration(DecisionOptions.SectionName)
            .Validate(o => o.PollInterval > TimeSpan.Zero && o.Lease > TimeSpan.Zero && o.ContentDeadline > TimeSpan.Zero && o.BatchSize is > 0 and <= 10_000
                    && o.Parallelism is > 0 and <= 64,
                "Engagement:Decisions: PollInterval, Lease and ContentDeadline must be positive, BatchSize 1..10000, Parallelism 1..64.")
            .Validate(o => o.ContentDeadline < o.Lease, "Engagement:Decisions:ContentDeadline must be shorter than the Lease.")
            .Validate(o => o.LeaseMargin >= TimeSpan.Zero && o.LeaseMargin < o.Lease, "Engagement:Decisions:LeaseMargin must be 0 or more and shorter than the Lease.")
            .ValidateOnStart();
        var client = builder.Services.AddGrpcClient<SelectionService.SelectionServiceClient>(options => options.Address = new Uri("http://_grpc.content"));
        // gRPC's deadline bounds each call; ServiceDefaults' HTTP resilience handler would add retries and timeouts of its own.
#pragma warning disable EXTEXP0001
        client.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        builder.Services.AddScoped<OutreachWords>();
        builder.Services.AddScoped<DecisionRecorder>();
        builder.Services.AddHostedService<DecisionWorker>();
        return builder;
    }
}
