using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Platform.Content.Catalog;
using Platform.Content.Grpc;
using Platform.Content.Selection;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Time;
using ExperimentMessage = Platform.Content.Grpc.Experiment;
using ResultsMessage = Platform.Content.Grpc.ExperimentResults;

namespace Platform.Content.Experiments;

/// <summary>Operators' experiments: definitions checked against the catalogue, and their results from the running totals.</summary>
[Authorize(Roles = CallerRoles.Operator)]
public sealed class ExperimentGrpcService(ContentDbContext db, CatalogCache catalog, TimeProvider time) : ExperimentService.ExperimentServiceBase
{
    public override async Task<ExperimentList> ListExperiments(ListExperimentsRequest request, ServerCallContext context)
    {
        var experiments = await db.Experiments.AsNoTracking().OrderBy(e => e.Key).ToListAsync(context.CancellationToken);
        return new ExperimentList { Experiments = { experiments.Select(ToGrpc) } };
    }

    public override async Task<ExperimentMessage> GetExperiment(GetExperimentRequest request, ServerCallContext context) =>
        ToGrpc(await FindAsync(request.Key, tracked: false, context.CancellationToken));

    public override async Task<ExperimentMessage> CreateExperiment(ExperimentMessage request, ServerCallContext context)
    {
        var spec = await ParseAsync(request, existing: null, context.CancellationToken);
        var experiment = Experiment.Create(spec, StoredTime.Now(time));
        db.Experiments.Add(experiment);
        try
        {
            await db.SaveChangesAsync(context.CancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            throw new RpcException(new Status(StatusCode.AlreadyExists, $"An experiment '{spec.Key}' exists; change it with PUT."));
        }

        await catalog.RefreshAsync(CancellationToken.None); // saved: this replica gates at once, others within the refresh interval
        return ToGrpc(experiment);
    }

    public override async Task<ExperimentMessage> UpdateExperiment(ExperimentMessage request, ServerCallContext context)
    {
        var experiment = await FindAsync(request.Key, tracked: true, context.CancellationToken);
        if (request.Version != 0 && request.Version != experiment.Version)
        {
            throw Conflict(request.Key);
        }

        experiment.Update(await ParseAsync(request, experiment, context.CancellationToken), StoredTime.Now(time));
        try
        {
            await db.SaveChangesAsync(context.CancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw Conflict(request.Key);
        }

        await catalog.RefreshAsync(CancellationToken.None);
        return ToGrpc(experiment);
    }

    public override async Task<ResultsMessage> GetResults(GetExperimentRequest request, ServerCallContext context)
    {
        var experiment = await FindAsync(request.Key, tracked: false, context.CancellationToken);
        var totals = await db.Set<ExperimentCount>().AsNoTracking().Where(c => c.ExperimentKey == request.Key)
            .GroupBy(c => c.Variant).Select(g => new { Variant = g.Key, Exposures = g.Sum(c => c.Exposures), Conversions = g.Sum(c => c.Conversions) })
            .ToDictionaryAsync(t => t.Variant, context.CancellationToken);
        var results = ExperimentStatistics.Compute([.. experiment.Variants.Select(v => new VariantCounts(
            v.Name, v.Weight, totals.GetValueOrDefault(v.Name)?.Exposures ?? 0, totals.GetValueOrDefault(v.Name)?.Conversions ?? 0))]);
        var reply = new ResultsMessage
        {
            Key = experiment.Key,
            SampleRatioMismatch = new Grpc.SampleRatioMismatch { Detected = results.SampleRatioMismatch.Detected },
        };
        if (results.SampleRatioMismatch.PValue is { } srm)
        {
            reply.SampleRatioMismatch.PValue = srm;
        }

        foreach (var v in results.Variants)
        {
            var result = new Grpc.VariantResult { Name = v.Name, Exposures = v.Exposures, Conversions = v.Conversions, Ci95 = { v.Ci95 ?? [] } };
            if (v.Rate is { } rate) result.Rate = rate;
            if (v.Lift is { } lift) result.Lift = lift;
            if (v.Difference is { } difference) result.Difference = difference;
            if (v.PValue is { } pValue) result.PValue = pValue;
            reply.Variants.Add(result);
        }

        return reply;
    }

    /// <summary>The spec, with its items checked against the catalogue and the other running experiments; an update keeps every existing variant as it was.</summary>
    private async Task<ExperimentSpec> ParseAsync(ExperimentMessage request, Experiment? existing, CancellationToken cancellationToken)
    {
        var (spec, errors) = ExperimentSpec.Parse(request.Key, request.Status,
            [.. request.Variants.Select(v => (v.Name, v.Weight, v.ItemId))], request.ConversionWindow);
        if (spec is null)
        {
            throw GrpcFieldErrors.InvalidArgument(errors.ToDictionary());
        }

        for (var i = 0; i < (existing?.Variants.Count ?? 0); i++)
        {
            var kept = existing!.Variants[i];
            if (i >= spec.Variants.Count || spec.Variants[i].Name != kept.Name || spec.Variants[i].ItemId != kept.ItemId)
            {
                errors.Add($"variants[{i}]", $"must stay '{kept.Name}' serving '{kept.ItemId}': clients are assigned to it (new variants go after the existing ones)");
            }
        }

        var itemIds = spec.Variants.Select(v => v.ItemId).ToArray();
        var known = await db.Items.AsNoTracking().Where(i => itemIds.Contains(i.ItemId)).Select(i => i.ItemId).ToListAsync(cancellationToken);
        var othersRunning = spec.Status == ExperimentStatus.Running
            ? await db.Experiments.AsNoTracking().Where(e => e.Key != spec.Key && e.Status == ExperimentStatus.Running).ToListAsync(cancellationToken)
            : [];
        for (var i = 0; i < spec.Variants.Count; i++)
        {
            var itemId = spec.Variants[i].ItemId;
            if (!known.Contains(itemId))
            {
                errors.Add($"variants[{i}].itemId", $"there is no item '{itemId}'");
            }
            else if (othersRunning.FirstOrDefault(e => e.VariantOf(itemId) is not null) is { } other)
            {
                errors.Add($"variants[{i}].itemId", $"'{itemId}' is in the running experiment '{other.Key}'; an item serves one running experiment at a time");
            }
        }

        return errors.Count == 0 ? spec : throw GrpcFieldErrors.InvalidArgument(errors.ToDictionary());
    }

    private async Task<Experiment> FindAsync(string key, bool tracked, CancellationToken cancellationToken) =>
        (Keys.IsKey(key) ? await (tracked ? db.Experiments : db.Experiments.AsNoTracking()).FirstOrDefaultAsync(e => e.Key == key, cancellationToken) : null)
            ?? throw new RpcException(new Status(StatusCode.NotFound, Keys.IsKey(key) ? $"There is no experiment '{key}'." : "There is no such experiment."));

    private static RpcException Conflict(string key) =>
        new(new Status(StatusCode.Aborted, $"Experiment '{key}' was changed by someone else; read it again and retry."));

    internal static ExperimentMessage ToGrpc(Experiment experiment) => new()
    {
        Key = experiment.Key,
        Status = experiment.Status == ExperimentStatus.Running ? "running" : "stopped",
        Variants = { experiment.Variants.Select(v => new Variant { Name = v.Name, Weight = v.Weight, ItemId = v.ItemId }) },
        ConversionWindow = System.Xml.XmlConvert.ToString(experiment.ConversionWindow),
        Version = experiment.Version,
        UpdatedAt = Timestamp.FromDateTimeOffset(experiment.UpdatedAt),
    };
}
