using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Onboarding.Funnel;

namespace Platform.Onboarding.Benchmark;

/// <summary>
/// <c>Onboarding:Benchmark:AnswerWithoutRecording</c> (default false): the benchmark's hop-chain phase (bench/Onboarding)
/// measures gateway -> gRPC -> Onboarding with nothing recorded, the ceiling of this design on the machine. A service
/// with it on accepts steps and loses them, so it is refused outside the Development environment (the one local mode
/// and the benchmarks run in), and it is decided once at start: when off, the step route has no check for it at all.
/// </summary>
public static class BenchmarkSwitch
{
    public const string AnswerWithoutRecordingKey = "Onboarding:Benchmark:AnswerWithoutRecording";

    public static IHostApplicationBuilder AddBenchmarkSwitch(this IHostApplicationBuilder builder)
    {
        if (!builder.IsBenchmarkSwitchOn(AnswerWithoutRecordingKey, "the service would accept steps and record none of them"))
        {
            return builder;
        }

        builder.Services.Replace(ServiceDescriptor.Singleton<IStepRecorder, AnsweringStepRecorder>());
        return builder;
    }
}
