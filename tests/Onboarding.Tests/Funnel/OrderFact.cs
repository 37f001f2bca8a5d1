using Platform.Onboarding.Funnel;

namespace Platform.Onboarding.Tests.Funnel;

/// <summary>
/// One fact of a client's application for <see cref="FunnelOrderPropertyTests"/>: a step report as it happened (its true
/// date), how far its sender's clock runs ahead (a client app's; zero for a core system), and what it must arrive after (a
/// repeat after its original, an answer to a rejection after the rejection, ...).
/// </summary>
/// <param name="RepeatOf">The fact this one repeats with a new event id (a second tap, a retry), or null.</param>
/// <param name="After">The facts that must have arrived before this one.</param>
internal sealed record OrderFact(int Id, FunnelStep Step, DateTimeOffset At, TimeSpan Skew, string? Level, FunnelStep? BackTo, int? RepeatOf, int[] After);
