// ./platform bench onboarding [--seconds N] [--warmup N] [--connections N] [--report-steps N] [--report-queries N] [--existing-clients N]
// [--durability durable|fast]
// Issue 4, point 8: step events per second through gateway -> Onboarding -> PostgreSQL + outbox -> Kafka with p50/p99,
// a plain minimal API measured in the same run as the baseline, and the funnel report's time over 1,000,000 steps.
// Never run by the test suite (ARCHITECTURE.md: benchmarks are never timing assertions in tests).
using Platform.Bench.Common;
using Platform.Bench.Common.Measuring;
using Platform.Bench.Common.Output;
using Platform.Bench.Onboarding;
using Platform.Bench.Onboarding.Output;

if (BenchOptions.Parse(args) is not { } options)
{
    return args.Any(a => a is "-h" or "--help") ? 0 : 2;
}

using var stop = new StopSignal();                  // Ctrl-C / SIGTERM: cancel the phases, still clean up
var results = new BenchResults(options, MachineFacts.Read());
var run = new BenchRun(options, results, BenchOutput.Progress, stop.Token);
// Then: service logs kept, gateway, Onboarding and infrastructure stopped; console tables, and results/latest.md.
return await BenchMain.RunAsync(results, stop, run, () => ResultsDocument.Build(results), "Onboarding",
    run.StartInfrastructureAsync,                   // 1. PostgreSQL + Redis (OS binaries, free ports), DevBroker in-process
    run.StartServicesAsync,                         // 2. Onboarding and the Gateway as real processes; /health; dev tokens
    run.SeedExistingClientsAsync,                   // 2b. the clients a deployment already holds, analysed
    run.MeasureBaselineAsync,                       // 3. the plain minimal-API baseline, same load generator and settings
    run.MeasureHopChainAsync,                       // 4. the hop chain alone: a second gateway + Onboarding answering without recording
    run.MeasureGatewayAsync,                        // 5. the step route end to end, then outbox drain and onboarding.events read back
    run.MeasureReportAsync);                        // 6. aggregates for N recorded steps, then the funnel report's query time
