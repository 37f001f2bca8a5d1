using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Platform.Content.Grpc;

namespace Platform.Gateway.Tests.Infrastructure;

/// <summary>
/// Experiments in memory, with fixed results for the seeded one. Of Content's rules it keeps one, to show its field errors
/// reach the caller: a status other than running or stopped. A key's prefix picks a misbehaviour.
/// </summary>
public sealed class FakeExperimentService(StateChanges changes) : ExperimentService.ExperimentServiceBase
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, Experiment> experiments = new(StringComparer.Ordinal)
    {
        ["short-term-traders"] = Seeded("short-term-traders"),
        ["welcome-copy"] = Seeded("welcome-copy"),
    };

    public Experiment? Stored(string key)
    {
        lock (gate)
        {
            return experiments.GetValueOrDefault(key);
        }
    }

    private static Experiment Seeded(string key) => new()
    {
        Key = key, Status = "running", ConversionWindow = "P7D", Version = 1, UpdatedAt = Timestamp.FromDateTimeOffset(FakeCatalogService.UpdatedAt),
        Variants = { new Variant { Name = "control", Weight = 50, ItemId = "welcome-a" }, new Variant { Name = "b", Weight = 50, ItemId = "welcome-b" } },
    };

    public override Task<ExperimentList> ListExperiments(ListExperimentsRequest request, ServerCallContext context)
    {
        lock (gate)
        {
            return Task.FromResult(new ExperimentList { Experiments = { experiments.Values.OrderBy(e => e.Key, StringComparer.Ordinal) } });
        }
    }

    public override async Task<Experiment> GetExperiment(GetExperimentRequest request, ServerCallContext context)
    {
        await FakeOnboardingService.Misbehave(request.Key, 1, context);
        return Stored(request.Key) ?? throw NotFound();
    }

    public override async Task<Experiment> CreateExperiment(Experiment request, ServerCallContext context)
    {
        await FakeOnboardingService.Misbehave(request.Key, 1, context);
        Check(request);
        var created = new Experiment(request) { Version = 1, UpdatedAt = Timestamp.FromDateTimeOffset(FakeCatalogService.UpdatedAt) };
        lock (gate)
        {
            if (!experiments.TryAdd(request.Key, created))
            {
                throw new RpcException(new Status(StatusCode.AlreadyExists, "The experiment key is taken."));
            }
        }

        changes.Add();
        return created;
    }

    public override async Task<Experiment> UpdateExperiment(Experiment request, ServerCallContext context)
    {
        await FakeOnboardingService.Misbehave(request.Key, 1, context);
        Check(request);
        Experiment updated;
        lock (gate)
        {
            var current = experiments.GetValueOrDefault(request.Key) ?? throw NotFound();
            if (request.Version != 0 && request.Version != current.Version)
            {
                throw new RpcException(new Status(StatusCode.Aborted, "The experiment was changed by someone else."));
            }

            updated = new Experiment(request) { Version = current.Version + 1, UpdatedAt = Timestamp.FromDateTimeOffset(FakeCatalogService.UpdatedAt) };
            experiments[request.Key] = updated;
        }

        changes.Add();
        return updated;
    }

    /// <summary>Fixed figures: the control 100 of 1,000, b 130 of 1,000 (the hand-worked example of Content's statistics tests).</summary>
    public override async Task<ExperimentResults> GetResults(GetExperimentRequest request, ServerCallContext context)
    {
        await FakeOnboardingService.Misbehave(request.Key, 1, context);
        _ = Stored(request.Key) ?? throw NotFound();
        return new ExperimentResults
        {
            Key = request.Key,
            Variants =
            {
                new VariantResult { Name = "control", Exposures = 1000, Conversions = 100, Rate = 0.1 },
                new VariantResult { Name = "b", Exposures = 1000, Conversions = 130, Rate = 0.13, Lift = 0.3, Difference = 0.03, Ci95 = { 0.0020679, 0.0579321 }, PValue = 0.0354885 },
            },
            SampleRatioMismatch = new SampleRatioMismatch { Detected = false, PValue = 1 },
        };
    }

    private static void Check(Experiment experiment)
    {
        if (experiment.Status is not ("running" or "stopped"))
        {
            throw FakeCatalogService.FieldError("status", "must be running or stopped");
        }
    }

    private static RpcException NotFound() => new(new Status(StatusCode.NotFound, "No such experiment."));
}
