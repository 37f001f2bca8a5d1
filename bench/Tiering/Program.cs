// ./platform bench tiering [--clients N] [--days N] [--trigger day|table] [--read-clients N] [--seconds N] [--warmup N] [--connections N]
// Issue 5, point 6: Tiering's sweep recalculating 1,000,000 clients with 20 days of snapshots each (target: under 60 s on this
// machine), and tier reads per second through the gateway with the Redis hit ratio.
// Never run by the test suite (ARCHITECTURE.md: benchmarks are never timing assertions in tests).
using Platform.Bench.Common;
using Platform.Bench.Common.Measuring;
using Platform.Bench.Common.Output;
using Platform.Bench.Tiering;
using Platform.Bench.Tiering.Output;

if (BenchOptions.Parse(args) is not { } options)
{
    return args.Any(a => a is "-h" or "--help") ? 0 : 2;
}

using var stop = new StopSignal();                  // Ctrl-C / SIGTERM: cancel the phases, still clean up
var results = new BenchResults(options, MachineFacts.Read());
var run = new BenchRun(options, results, BenchOutput.Progress, stop.Token);
// Then: service logs kept, gateway, Tiering and infrastructure stopped (data folder deleted); console tables, and results/latest.md.
return await BenchMain.RunAsync(results, stop, run, () => ResultsDocument.Build(results), "Tiering",
    run.StartInfrastructureAsync,                   // 1. PostgreSQL + Redis (OS binaries, free ports), DevBroker in-process
    run.StartServicesAsync,                         // 2. Tiering (sweep polling every second) and the Gateway as real processes
    run.SeedAsync,                                  // 3. warm-up clients, then N clients x D snapshots by binary COPY, as calculated before the trigger
    run.MeasureRecalculationAsync,                  // 4. trigger; wall time until no client is due; CPU; history and events; outbox drain
    run.MeasureReadsAsync);                         // 5. GET /v1/clients/{id}/tier through the gateway under load; Redis hit ratio
