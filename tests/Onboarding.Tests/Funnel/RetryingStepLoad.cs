using System.Collections.Concurrent;
using Grpc.Core;
using Platform.Onboarding.Funnel;
using Platform.Onboarding.Grpc;

namespace Platform.Onboarding.Tests.Funnel;

/// <summary>
/// Callers recording steps without pause: each worker takes new clients through the standard funnel up to
/// <c>approved</c>, one step at a time, each step with an event id of its own. A step refused as Unavailable
/// waits for <see cref="Recover"/> and is then retried with the same event id, as callers are told to do; any
/// other failure ends the load with it, so a caller never sees Internal or Unknown unnoticed.
/// </summary>
public sealed class RetryingStepLoad(OnboardingDriver onboarding, int workers)
{
    /// <summary>Retries of one refused step after <see cref="Recover"/> before the load gives up with its error.</summary>
    private const int RetriesAfterRecovery = 3;

    private readonly TaskCompletionSource recovered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<AcknowledgedStep> acknowledged = new();
    private readonly ConcurrentQueue<Guid> refused = new();
    private readonly ConcurrentQueue<string> clients = new();
    private int waiting;

    /// <summary>The steps each client records, in order.</summary>
    public static IReadOnlyList<string> Steps { get; } = FunnelDefinition.Standard.Steps
        .Where(step => step <= FunnelStep.Approved).Select(FunnelSteps.ToWireName).ToArray();

    public IReadOnlyCollection<AcknowledgedStep> Acknowledged => acknowledged;

    /// <summary>Event ids of the attempts answered Unavailable (a step retried twice appears twice).</summary>
    public IReadOnlyCollection<Guid> Refused => refused;

    public IReadOnlyCollection<string> Clients => clients;

    /// <summary>Workers holding a refused step until <see cref="Recover"/>.</summary>
    public int Waiting => Volatile.Read(ref waiting);

    /// <summary>Runs until <see cref="Recover"/>, then until every worker has finished its client.</summary>
    public Task RunAsync() => Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(WorkAsync)));

    /// <summary>Releases the refused steps for their retries, and has the workers stop after their current client.</summary>
    public void Recover() => recovered.TrySetResult();

    private async Task WorkAsync()
    {
        while (!recovered.Task.IsCompleted)
        {
            var clientId = OnboardingDriver.NewClientId();
            clients.Enqueue(clientId);
            var at = DateTimeOffset.UtcNow.AddMinutes(-10);
            foreach (var step in Steps)
            {
                var eventId = Guid.CreateVersion7();
                var reply = await RecordAsync(clientId, step, at, eventId);
                acknowledged.Enqueue(new AcknowledgedStep(clientId, step, eventId, reply.Duplicate));
                at = at.AddSeconds(1);
            }
        }
    }

    private async Task<RecordStepReply> RecordAsync(string clientId, string step, DateTimeOffset at, Guid eventId)
    {
        var retriesAfterRecovery = 0;
        while (true)
        {
            try
            {
                return await onboarding.StepAsync(clientId, step, at, riskLevel: step == "risk_assessed" ? "C3" : null, eventId: eventId);
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Unavailable
                && (!recovered.Task.IsCompleted || retriesAfterRecovery++ < RetriesAfterRecovery))
            {
                refused.Enqueue(eventId);
                Interlocked.Increment(ref waiting);
                await recovered.Task;
                Interlocked.Decrement(ref waiting);
            }
        }
    }
}
