namespace Platform.Onboarding.Funding;

/// <summary>Section <c>Onboarding:Funding</c>.</summary>
public sealed class FundingOptions
{
    /// <summary>
    /// How long a deposit reported before any approval is kept for one. A deposit follows the opening of the
    /// account in the core system, so its approval lags it only by delivery; but deposits of clients this
    /// service never onboards (the existing customer base) are kept too, and this bounds them.
    /// </summary>
    public TimeSpan EarlyDepositRetention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How often a replica deletes early deposits past their retention.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Rows deleted per statement.</summary>
    public int SweepBatchSize { get; set; } = 5_000;
}
