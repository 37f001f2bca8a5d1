using Platform.ServiceDefaults.Validation;
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
        var spec = Parse(request);
        var experiment = Experiment.Create(spec, StoredTime.Now(time));
        await using (var transaction = await db.Database.BeginTransactionAsync(context.CancellationToken))
        {
            await CheckAsync(spec, existing: null, context.CancellationToken);
            db.Experiments.Add(experiment);
            try
            {
                await db.SaveChangesAsync(context.CancellationToken);
            }
            catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
            {
                throw new RpcException(new Status(StatusCode.AlreadyExists, $"An experiment '{spec.Key}' exists; change it with PUT."));
            }

            await transaction.CommitAsync(context.CancellationToken);
        }

        await catalog.RefreshAsync(CancellationToken.None); // saved: this replica gates at once, others within the refresh interval
        return ToGrpc(experiment);
    }

    public override async Task<ExperimentMessage> UpdateExperiment(ExperimentMessage request, ServerCallContext context)
    {
        var spec = Parse(request);
        var experiment = await FindAsync(request.Key, tracked: true, context.CancellationToken);
        if (request.Version != 0 && request.Version != experiment.Version)
        {
            throw Conflict(request.Key);
        }

        await using (var transaction = await db.Database.BeginTransactionAsync(context.CancellationToken))
        {
            // Draws in progress finish first, and none starts under the old definition until this commits: the
            // "no client assigned yet" check below then holds until the new definition is in place.
            await db.Database.LockExperimentAsync(experiment.Key, context.CancellationToken);
            await CheckAsync(spec, experiment, context.CancellationToken);
            experiment.Update(spec, StoredTime.Now(time));
            try
            {
                await db.SaveChangesAsync(context.CancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                throw Conflict(request.Key);
            }

            await transaction.CommitAsync(context.CancellationToken);
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

    private static ExperimentSpec Parse(ExperimentMessage request)
    {
        var (spec, errors) = ExperimentSpec.Parse(request.Key, request.Status,
            [.. request.Variants.Select(v => (v.Name, v.Weight, v.ItemId))], request.ConversionWindow);
        return spec ?? throw GrpcFieldErrors.InvalidArgument(errors.ToDictionary());
    }

    /// <summary>
    /// Checks the spec against the catalogue, the other running experiments and what clients were already assigned, in the
    /// caller's transaction with the items' locks held, so that no concurrent definition or item edit can slip in.
    /// </summary>
    private async Task CheckAsync(ExperimentSpec spec, Experiment? existing, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var itemIds = spec.Variants.Select(v => v.ItemId).ToArray();
        await db.Database.LockItemsAsync(itemIds, cancellationToken);
        if (existing is not null)
        {
            await CheckChangeAsync(spec, existing, errors, cancellationToken);
        }

        var items = await db.Items.AsNoTracking().Where(i => itemIds.Contains(i.ItemId)).ToDictionaryAsync(i => i.ItemId, cancellationToken);
        var othersRunning = spec.Status == ExperimentStatus.Running
            ? await db.Experiments.AsNoTracking().Where(e => e.Key != spec.Key && e.Status == ExperimentStatus.Running).ToListAsync(cancellationToken)
            : [];
        for (var i = 0; i < spec.Variants.Count; i++)
        {
            var itemId = spec.Variants[i].ItemId;
            if (!items.TryGetValue(itemId, out var item))
            {
                errors.Add($"variants[{i}].itemId", $"there is no item '{itemId}'");
            }
            else if (othersRunning.FirstOrDefault(e => e.VariantOf(itemId) is not null) is { } other)
            {
                errors.Add($"variants[{i}].itemId", $"'{itemId}' is in the running experiment '{other.Key}'; an item serves one running experiment at a time");
            }
            // A stopped spec's arms are not compared, and a moment item may be any arm: a draft gates nothing, and one that
            // ran had alike arms (same moments) while running, so once stopped its control still serves the arms' moments.
            else if (i > 0 && spec.Status == ExperimentStatus.Running && items.TryGetValue(spec.Variants[0].ItemId, out var control)
                && ArmEligibility.FirstDifference(item, control) is { } field)
            {
                errors.Add($"variants[{i}].itemId", ArmEligibility.Explain(field, itemId, control.ItemId));
            }
        }

        if (errors.Count > 0)
        {
            throw GrpcFieldErrors.InvalidArgument(errors.ToDictionary());
        }
    }

    /// <summary>
    /// Existing variants keep their name and item for good. Once a client is assigned, the weights, the variants and the
    /// window are fixed and a stopped experiment does not run again: the SRM and the rates compare clients drawn and
    /// counted under one definition, and clients saw the control alone while it was stopped.
    /// </summary>
    private async Task CheckChangeAsync(ExperimentSpec spec, Experiment existing, FieldErrors errors, CancellationToken cancellationToken)
    {
        for (var i = 0; i < existing.Variants.Count; i++)
        {
            var kept = existing.Variants[i];
            if (i >= spec.Variants.Count || spec.Variants[i].Name != kept.Name || spec.Variants[i].ItemId != kept.ItemId)
            {
                errors.Add($"variants[{i}]", $"must stay '{kept.Name}' serving '{kept.ItemId}': clients are assigned to it (new variants go after the existing ones)");
            }
        }

        if (!await db.Set<ExperimentAssignment>().AnyAsync(a => a.ExperimentKey == existing.Key, cancellationToken))
        {
            return;
        }

        const string StartANewOne = "clients are already assigned under the current definition; to change it, stop this experiment and start a new one";
        for (var i = 0; i < Math.Min(existing.Variants.Count, spec.Variants.Count); i++)
        {
            if (spec.Variants[i].Weight != existing.Variants[i].Weight)
            {
                errors.Add($"variants[{i}].weight", $"cannot change from {existing.Variants[i].Weight}: {StartANewOne}");
            }
        }

        if (spec.Variants.Count > existing.Variants.Count)
        {
            errors.Add($"variants[{existing.Variants.Count}]", $"cannot be added: {StartANewOne}");
        }

        if (spec.ConversionWindow != existing.ConversionWindow)
        {
            errors.Add("conversionWindow", $"cannot change from {System.Xml.XmlConvert.ToString(existing.ConversionWindow)}: {StartANewOne}");
        }

        if (existing.Status == ExperimentStatus.Stopped && spec.Status == ExperimentStatus.Running)
        {
            errors.Add("status", "a stopped experiment with assigned clients does not run again (they saw the control alone while it was stopped); "
                + "start a new experiment");
        }
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
