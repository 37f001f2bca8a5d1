// ./platform bench onboarding [--seconds N] [--warmup N] [--connections N] [--report-steps N] [--report-queries N]
// Issue 4, point 8: step events per second through gateway -> Onboarding -> PostgreSQL + outbox -> Kafka with p50/p99,
// a plain minimal API measured in the same run as the baseline, and the funnel report's time over 1,000,000 steps.
// Never run by the test suite (ARCHITECTURE.md: benchmarks are never timing assertions in tests).
using Platform.Bench.Onboarding;
using Platform.Bench.Onboarding.Hosting;
using Platform.Bench.Onboarding.Measuring;
using Platform.Bench.Onboarding.Output;

if (BenchOptions.Parse(args) is not { } options)
{
    return args.Any(a => a is "-h" or "--help") ? 0 : 2;
}

using var stop = new StopSignal();                  // Ctrl-C / SIGTERM: cancel the phases, still clean up
var results = new BenchResults(options, MachineFacts.Read());
var run = new BenchRun(options, results, message => Console.WriteLine($"[bench] {DateTime.Now:HH:mm:ss} {message}"), stop.Token);
try
{
    await run.StartInfrastructureAsync();           // 1. PostgreSQL + Redis (OS binaries, free ports), DevBroker in-process
    await run.StartServicesAsync();                 // 2. Onboarding and the Gateway as real processes; /health; dev tokens
    await run.MeasureBaselineAsync();               // 3. the plain minimal-API baseline, same load generator and settings
    await run.MeasureGatewayAsync();                // 4. the step route end to end, then outbox drain and onboarding.events read back
    await run.MeasureReportAsync();                 // 5. aggregates for N recorded steps, then the funnel report's query time
}
catch (Exception ex)
{
    results.Fail(ex, stop.Token.IsCancellationRequested);
}
finally
{
    await run.DisposeAsync();                       // service logs kept, then gateway, Onboarding, infrastructure stopped
}

var document = ResultsDocument.Build(results);      // 6. console tables, and results/latest.md
ConsoleRenderer.Write(document);
if (!results.Stopped)
{
    MarkdownRenderer.Write(document, RepoLayout.ResultsFile);
    Console.WriteLine($"[bench] written to {Path.GetRelativePath(RepoLayout.Root, RepoLayout.ResultsFile)}");
}

return results.ExitCode;
