using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Data;

namespace Platform.Onboarding.Funnel;

/// <summary>
/// Group commit for step recording. Requests queue per partition (by client id, so one client's
/// steps keep their order); each partition's loop takes whatever has queued up, up to
/// <see cref="FunnelOptions.MaxBatchSize"/>, and records it in one transaction. Under light load
/// a batch is one step and nothing waits; under heavy load one commit serves hundreds. Each
/// caller gets its answer only after its own step committed.
/// </summary>
public sealed partial class StepBatcher : BackgroundService, IStepRecorder
{
    private static readonly ActivitySource Source = new(FunnelTelemetry.MeterName);
    private readonly Channel<Pending>[] partitions;
    private readonly IServiceScopeFactory scopes;
    private readonly IDatabaseReadiness database;
    private readonly FunnelOptions options;
    private readonly ILogger<StepBatcher> logger;

    public StepBatcher(IServiceScopeFactory scopes, IDatabaseReadiness database, IOptions<FunnelOptions> options, ILogger<StepBatcher> logger)
    {
        this.scopes = scopes;
        this.database = database;
        this.options = options.Value;
        this.logger = logger;
        partitions = Enumerable.Range(0, this.options.BatchPartitions)
            .Select(_ => Channel.CreateBounded<Pending>(new BoundedChannelOptions(this.options.MaxBatchSize * 16) { SingleReader = true }))
            .ToArray();
    }

    /// <summary>Records one step with whatever else is queued; throws <see cref="FunnelRequestException"/> for a step the funnel cannot take.</summary>
    public async Task<StepOutcome> RecordAsync(StepCommand command, CancellationToken cancellationToken)
    {
        var pending = new Pending(command with { Trace = command.Trace ?? System.Diagnostics.Activity.Current?.Context },
            new TaskCompletionSource<StepResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        var partition = (int)((uint)StringComparer.Ordinal.GetHashCode(command.ClientId) % (uint)partitions.Length);
        await partitions[partition].Writer.WriteAsync(pending, cancellationToken);
        var result = await pending.Done.Task.WaitAsync(cancellationToken);
        return result.Outcome ?? throw result.Failure;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await database.WhenReady.WaitAsync(stoppingToken);
        await Task.WhenAll(partitions.Select(partition => RunAsync(partition.Reader, stoppingToken)));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var partition in partitions)
        {
            partition.Writer.TryComplete();
        }

        await base.StopAsync(cancellationToken);
    }

    private async Task RunAsync(ChannelReader<Pending> reader, CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(options.MaxBatchSize);
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < options.MaxBatchSize && reader.TryRead(out var pending))
                {
                    batch.Add(pending);
                }

                await RecordAsync(batch, stoppingToken);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            foreach (var pending in batch)
            {
                pending.Done.TrySetCanceled(stoppingToken);
            }
        }
    }

    private async Task RecordAsync(List<Pending> batch, CancellationToken stoppingToken)
    {
        try
        {
            // One span per batch, linked to every request it serves; each request's events keep its own trace.
            using var span = Source.StartActivity(ActivityKind.Internal, parentContext: default,
                links: batch.Where(p => p.Command.Trace is not null).Select(p => new ActivityLink(p.Command.Trace!.Value)), name: "onboarding record steps");
            span?.SetTag("onboarding.batch.size", batch.Count);
            await using var scope = scopes.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<FunnelStore>();
            var results = await store.RecordBatchAsync(batch.Select(p => p.Command).ToArray(), stoppingToken);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.TrySetResult(results[i]);
            }
        }
        catch (Exception ex) when (IsDataError(ex) && batch.Count > 1 && !stoppingToken.IsCancellationRequested)
        {
            // A value the database refuses (a gap in validation) is one step's fault: record the batch by
            // halves, recursively, so that only that step fails and the others, other clients' among them,
            // commit. One bad step costs about 2·log2(N) more transactions, each good half committing in one,
            // where step by step cost N (a cheap bad request per batch window could turn group commit into
            // serial commits). The halves keep the queue's order, so one client's steps keep theirs; nothing
            // of the failed attempt was committed, so nothing is done twice.
            LogBatchSplit(logger, ex, batch.Count);
            var half = batch.Count / 2;
            await RecordAsync(batch[..half], stoppingToken);
            await RecordAsync(batch[half..], stoppingToken);
        }
        catch (Exception ex) when (IsValueError(ex) && !stoppingToken.IsCancellationRequested)
        {
            // A value of the step's own that validation should have refused: the caller's 400 (a retry cannot succeed).
            LogStepNotStorable(logger, ex);
            batch[0].Done.TrySetException(new StepNotStorableException(ex));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // The batch did not commit (or the commit's outcome is unknown; work after a commit never throws):
            // every caller may retry, and event ids make a retry of a committed step a duplicate.
            LogBatchFailed(logger, ex, batch.Count);
            var failed = new StepBatchFailedException(ex);
            foreach (var pending in batch)
            {
                pending.Done.TrySetException(failed);
            }
        }
    }

    /// <summary>
    /// PostgreSQL refused a value (class 22, data exception) or a constraint (class 23): one step of the
    /// batch may be the cause, so the batch is recorded by halves to let the others commit.
    /// </summary>
    private static bool IsDataError(Exception exception) =>
        SqlStateOf(exception) is { } state && (state.StartsWith("22", StringComparison.Ordinal) || state.StartsWith("23", StringComparison.Ordinal));

    /// <summary>
    /// A text value the columns cannot hold (too long, NUL, an invalid byte sequence): the step's own
    /// fault. Any other data or constraint error of a single step (a race, a bug in a feature's rows)
    /// stays a failed batch (503), so that the caller retries a valid step instead of dropping it.
    /// </summary>
    private static bool IsValueError(Exception exception) =>
        SqlStateOf(exception) is "22001" or "22021" or "22P05" or "22026";

    private static string? SqlStateOf(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is Npgsql.PostgresException { SqlState: var state })
            {
                return state;
            }
        }

        return null;
    }

    [LoggerMessage(1, LogLevel.Warning, "Recording a batch of {Count} steps failed")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(2, LogLevel.Warning, "PostgreSQL refused a value of a batch of {Count} steps; recording it by halves")]
    private static partial void LogBatchSplit(ILogger logger, Exception exception, int count);

    [LoggerMessage(3, LogLevel.Error, "PostgreSQL refused a value of a step that passed validation; the step is refused")]
    private static partial void LogStepNotStorable(ILogger logger, Exception exception);

    private sealed record Pending(StepCommand Command, TaskCompletionSource<StepResult> Done);
}
