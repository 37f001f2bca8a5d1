namespace Platform.Onboarding.Funnel;

/// <summary>
/// Work that follows a committed batch of steps (refreshing copies). It runs once the steps are
/// committed and answered as such: a failure here is logged and never fails the steps.
/// </summary>
public interface IAfterStepsCommitted
{
    Task StepsCommittedAsync(IReadOnlyCollection<ClientFunnel> changed, CancellationToken cancellationToken);
}
