using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Platform.Content.Tests.Profiles;

/// <summary>
/// Holds a context's work after its <paramref name="statement"/>-th statement has run (counted once armed) until the test
/// releases it: the test can then run another transaction at exactly that point, with no timing involved.
/// </summary>
public sealed class PauseAfterStatement(int statement) : DbCommandInterceptor
{
    private readonly TaskCompletionSource paused = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int executed = -1;

    /// <summary>Completes when the statement has run and the work waits.</summary>
    public Task Paused => paused.Task;

    /// <summary>Starts counting from the next statement.</summary>
    public void Arm() => executed = 0;

    public void Release() => released.TrySetResult();

    public override async ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        await AfterAsync();
        return result;
    }

    public override async ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        await AfterAsync();
        return result;
    }

    private async Task AfterAsync()
    {
        if (executed >= 0 && ++executed == statement)
        {
            paused.TrySetResult();
            await released.Task;
        }
    }
}
