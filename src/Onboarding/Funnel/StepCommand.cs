using System.Diagnostics;

namespace Platform.Onboarding.Funnel;

/// <summary>One step event to record, with the trace of the request that brought it (its events join that trace).</summary>
public sealed record StepCommand(string ClientId, string FunnelName, StepReport Report, ActivityContext? Trace = null);
