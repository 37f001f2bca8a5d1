using Platform.Onboarding.Funnel;

namespace Platform.Onboarding.Progress;

/// <summary>After a batch of steps: the changed clients' resume points in Redis.</summary>
public sealed class ProgressRefresh(ProgressCache progress) : IAfterStepsCommitted
{
    public Task StepsCommittedAsync(IReadOnlyCollection<ClientFunnel> changed, CancellationToken cancellationToken) =>
        progress.RefreshAllAsync(changed, cancellationToken);
}
