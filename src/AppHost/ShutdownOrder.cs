using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Platform.AppHost;

internal static class ShutdownOrderExtensions
{
    /// <summary>
    /// On shutdown, stops the given groups of resources one group after the other, before
    /// Aspire stops everything else at once. Stopping the gateway and the services while Kafka,
    /// Redis and PostgreSQL still answer lets consumers and outbox relays finish cleanly and
    /// quickly, instead of waiting out client timeouts against infrastructure that is gone.
    /// </summary>
    public static void StopFirst(this IDistributedApplicationBuilder builder, params IResourceBuilder<IResource>[][] groups)
    {
        if (builder.ExecutionContext.IsRunMode)
        {
            var order = groups.Select(group => group.Select(resource => resource.Resource).ToArray()).ToArray();
            // Hosted services stop in reverse order of registration: this one before Aspire's own.
            builder.Services.AddHostedService(sp => ActivatorUtilities.CreateInstance<ShutdownOrder>(sp, (object)order));
        }
    }
}

internal sealed partial class ShutdownOrder(
    IResource[][] order,
    ResourceNotificationService notifications,
    ResourceCommandService commands,
    ILogger<ShutdownOrder> logger) : IHostedService
{
    private static readonly TimeSpan GroupTimeout = TimeSpan.FromSeconds(15);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var group in order)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(GroupTimeout);
            await Task.WhenAll(group.Select(resource => StopAsync(resource, timeout.Token))).ConfigureAwait(false);
        }
    }

    private async Task StopAsync(IResource resource, CancellationToken cancellationToken)
    {
        // A resource that never started (still waiting for its dependencies) has nothing to stop.
        if (!await IsRunningAsync(resource, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        try
        {
            var result = await commands.ExecuteCommandAsync(resource, KnownResourceCommands.StopCommand, cancellationToken).ConfigureAwait(false);
            if (!result.Success)
            {
                LogStopFailed(resource.Name, result.Message);
            }
        }
        catch (OperationCanceledException)
        {
            LogStopFailed(resource.Name, $"not stopped within {GroupTimeout.TotalSeconds:0} s");
        }
    }

    private async Task<bool> IsRunningAsync(IResource resource, CancellationToken cancellationToken)
    {
        using var probe = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        probe.CancelAfter(TimeSpan.FromMilliseconds(100));
        try
        {
            await notifications.WaitForResourceAsync(resource.Name, KnownResourceStates.Running, probe.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Stopping {ResourceName} before the infrastructure failed: {Reason}")]
    private partial void LogStopFailed(string resourceName, string? reason);
}
