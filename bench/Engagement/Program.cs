// ./platform bench engagement [--events N] [--clients N] [--warmup-events N] [--backlog on|off] [--durability durable|fast]
//     [--postgres-memory deployment|stock] [--statements on|off]
// Issue 12, item 10: events per second through Engagement's lifecycle state, moment evaluation, firing and outbox against raw
// Confluent consumption of the same records in the same run (goal: at least 0.15), and the drain after a 1,000,000-event burst.
// Never run by the test suite (ARCHITECTURE.md: benchmarks are never timing assertions in tests).
using Platform.Bench.Common;
using Platform.Bench.Common.Measuring;
using Platform.Bench.Common.Output;
using Platform.Bench.Engagement;
using Platform.Bench.Engagement.Output;

if (BenchOptions.Parse(args) is not { } options)
{
    return args.Any(a => a is "-h" or "--help") ? 0 : 2;
}

using var stop = new StopSignal();                  // Ctrl-C / SIGTERM: cancel the phases, still clean up
var results = new BenchResults(options, MachineFacts.Read());
var run = new BenchRun(options, results, BenchOutput.Progress, stop.Token);
return await BenchMain.RunAsync(results, stop, run, () => ResultsDocument.Build(results), "Engagement",
    run.StartInfrastructureAsync,                   // 1. PostgreSQL + Redis (OS binaries, free ports), DevBroker in-process
    run.StartServicesAsync,                         // 2. Content (own broker), Engagement, Gateway as processes; quiet hours moved off the run
    run.SeedAsync,                                  // 3. the existing clients' lifecycle state (INSERT ... SELECT), not timed
    run.WarmUpAsync,                                // 4. a smaller burst about other clients, drained, not measured
    run.MeasureBurstAsync,                          // 5. the burst: published at full speed; consumed; every instance decided and delivered; outbox empty
    run.MeasureRawAsync);                           // 6. a plain Confluent consumer reads the same records: the baseline
