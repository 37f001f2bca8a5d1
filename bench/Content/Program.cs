// ./platform bench content [--clients N] [--items N] [--seconds N] [--warmup N] [--connections N] [--exposures N] [--results-queries N]
// [--durability durable|fast]
// Issue 11, item 8: feed reads per second through the gateway with the Redis hit ratio, against a plain Kestrel GET and the
// hop chain alone (gateway -> gRPC -> a Content answering from memory) in the same run; and the experiment results query over
// 10,000,000 recorded exposures. Never run by the test suite (ARCHITECTURE.md: benchmarks are never timing assertions in tests).
using Platform.Bench.Common;
using Platform.Bench.Common.Measuring;
using Platform.Bench.Common.Output;
using Platform.Bench.Content;
using Platform.Bench.Content.Output;

if (BenchOptions.Parse(args) is not { } options)
{
    return args.Any(a => a is "-h" or "--help") ? 0 : 2;
}

using var stop = new StopSignal();                  // Ctrl-C / SIGTERM: cancel the phases, still clean up
var results = new BenchResults(options, MachineFacts.Read());
var run = new BenchRun(options, results, BenchOutput.Progress, stop.Token);
// Then: service logs kept, gateway, Content and infrastructure stopped; console tables, and results/latest.md.
return await BenchMain.RunAsync(results, stop, run, () => ResultsDocument.Build(results), "Content",
    run.StartInfrastructureAsync,                   // 1. PostgreSQL + Redis (OS binaries, free ports), DevBroker in-process
    run.StartServicesAsync,                         // 2. Content and the Gateway as real processes; /health; dev tokens
    run.SeedCatalogueAsync,                         // 3. targeted items and segments through the gateway, on top of the seeded catalogue
    run.MeasureHopChainAsync,                       // 4. a second gateway and Content answering feeds from memory, same load
    run.SeedProfilesAsync,                          // 5. onboarding and tiering events published, operator tags through the gateway
    run.MeasureBaselineAsync,                       // 6. a plain Kestrel GET answering a real feed's bytes, same load
    run.MeasureFeedReadsAsync,                      // 7. GET /v1/clients/{id}/feed through the gateway; Redis hit ratio
    run.MeasureResultsAsync);                       // 8. an experiment, N exposures written by SQL, GET /v1/experiments/{key}/results
