using Platform.Bench.Common.Output;

namespace Platform.Bench.Common;

/// <summary>
/// A benchmark's run from start to exit code: its phases in order, stopped by the first failure or by
/// Ctrl-C/SIGTERM (<see cref="StopSignal"/>), the cleanup always, then the results on the console and,
/// for a run that was not stopped, in bench/&lt;Name&gt;/results/latest.md.
/// </summary>
public static class BenchMain
{
    /// <param name="run">Stops what the phases started (services, servers); its logs go into the results first.</param>
    /// <param name="document">Builds the results once the run has ended.</param>
    /// <param name="bench">The benchmark's folder under bench/.</param>
    public static async Task<int> RunAsync(RunResults results, StopSignal stop, IAsyncDisposable run, Func<Output.Document> document, string bench,
        params Func<Task>[] phases)
    {
        try
        {
            foreach (var phase in phases)
            {
                await phase();
            }
        }
        catch (Exception ex)
        {
            results.Fail(ex, stop.Token.IsCancellationRequested);
        }
        finally
        {
            await run.DisposeAsync();
        }

        return BenchOutput.Finish(results, document(), bench);
    }
}
