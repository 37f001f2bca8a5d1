using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Content.Grpc;
using Experiment = Platform.Content.Grpc.Experiment;

namespace Platform.Gateway.Content;

/// <summary>Operators' experiments and their results: GET|POST /v1/experiments, GET|PUT /v1/experiments/{key}, GET /v1/experiments/{key}/results.</summary>
internal static class ExperimentEndpoints
{
    public static RouteGroupBuilder MapExperiments(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapContentGroup("/v1/experiments");
        group.MapGet("", List).WithName("ListExperiments").WithSummary("Every experiment, by key");
        group.MapPost("", Create).WithName("CreateExperiment").WithSummary("Adds an experiment")
            .WithDescription("status: running | stopped; variants: 2..10, the first is the control, each {name, weight 0..10000, itemId}; an item "
                + "serves one running experiment at a time, and the arms of a running one must reach the same clients (kind, risk, targeting, validity, "
                + "priority, moments, channels, labels and placeholders alike: otherwise 400 naming variants[i].itemId); conversionWindow: ISO 8601 "
                + "duration (1 minute .. 365 days). Saved stopped (a draft), it gates nothing until it runs. 409 when the key is taken.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{key}", Get).WithName("GetExperiment").WithSummary("One experiment").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{key}", Update).WithName("UpdateExperiment").WithSummary("Changes the status; before any assignment also weights, window and variants")
            .WithDescription("Existing variants keep their name and item; new ones go after them. Once a client is assigned, weights, variants "
                + "and conversionWindow are fixed (400 naming the field: start a new experiment) and a stopped experiment does not run again; the "
                + "status still changes. Stopping a running one serves the control alone and ends the counting of conversions dated after the stop. version, when "
                + "given, is the version read: a stale one is a 409 and nothing changes.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{key}/results", Results).WithName("GetExperimentResults").WithSummary("Exposures, conversions and statistics per variant")
            .WithDescription("exposures: distinct clients served the variant; conversions: distinct exposed clients converting within the window after "
                + "their first exposure; against the first variant: difference with its 95% Wald interval (unpooled), lift, two-sided pooled z-test "
                + "p-value (null for the control); sampleRatioMismatch: chi-square of exposures against the weights, detected below 0.001.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    internal static async Task<Ok<ExperimentResponse[]>> List(ExperimentService.ExperimentServiceClient experiments, CancellationToken cancellationToken) =>
        TypedResults.Ok((await experiments.ListExperimentsAsync(new ListExperimentsRequest(), cancellationToken: cancellationToken)).Experiments
            .Select(FromGrpc).ToArray());

    internal static async Task<Ok<ExperimentResponse>> Get(string key, ExperimentService.ExperimentServiceClient experiments, CancellationToken cancellationToken) =>
        TypedResults.Ok(FromGrpc(await experiments.GetExperimentAsync(new GetExperimentRequest { Key = key }, cancellationToken: cancellationToken)));

    internal static async Task<Results<Created<ExperimentResponse>, ValidationProblem>> Create(
        ExperimentRequest request, ExperimentService.ExperimentServiceClient experiments, CancellationToken cancellationToken)
    {
        var shape = Shape(request);
        shape.Require("key", request.Key, "lower-case letters, digits and '-'");
        if (shape.Errors.Count > 0)
        {
            return TypedResults.ValidationProblem(shape.Errors);
        }

        var created = FromGrpc(await experiments.CreateExperimentAsync(ToGrpc(request, request.Key!, version: 0), cancellationToken: cancellationToken));
        return TypedResults.Created($"/v1/experiments/{Uri.EscapeDataString(created.Key)}", created);
    }

    internal static async Task<Results<Ok<ExperimentResponse>, ValidationProblem>> Update(
        string key, ExperimentRequest request, ExperimentService.ExperimentServiceClient experiments, CancellationToken cancellationToken)
    {
        var shape = Shape(request);
        shape.SameAsRoute("key", request.Key, key);
        if (request.Version is < 1)
        {
            shape.Errors["version"] = ["is the version read, 1 or more (leave it out to replace whatever is current)"];
        }

        if (shape.Errors.Count > 0)
        {
            return TypedResults.ValidationProblem(shape.Errors);
        }

        return TypedResults.Ok(FromGrpc(await experiments.UpdateExperimentAsync(ToGrpc(request, key, request.Version ?? 0), cancellationToken: cancellationToken)));
    }

    internal static async Task<Ok<ExperimentResultsResponse>> Results(string key, ExperimentService.ExperimentServiceClient experiments, CancellationToken cancellationToken)
    {
        var reply = await experiments.GetResultsAsync(new GetExperimentRequest { Key = key }, cancellationToken: cancellationToken);
        return TypedResults.Ok(new ExperimentResultsResponse(
            reply.Key,
            [.. reply.Variants.Select(v => new VariantResultResponse(v.Name, v.Exposures, v.Conversions,
                v.HasRate ? v.Rate : null, v.HasLift ? v.Lift : null, v.HasDifference ? v.Difference : null,
                v.Ci95.Count == 2 ? [v.Ci95[0], v.Ci95[1]] : null, v.HasPValue ? v.PValue : null))],
            new SampleRatioMismatchResponse(reply.SampleRatioMismatch?.Detected ?? false,
                reply.SampleRatioMismatch is { HasPValue: true } srm ? srm.PValue : null)));
    }

    /// <summary>Presence only; Content checks the values (status, names, weights, items, the window) and names each field.</summary>
    private static ContentShape Shape(ExperimentRequest request)
    {
        var shape = new ContentShape();
        shape.Require("status", request.Status, "running or stopped");
        shape.Require("variants", request.Variants, "2 to 10 variants {name, weight, itemId}, the first the control");
        shape.Require("conversionWindow", request.ConversionWindow, "an ISO 8601 duration such as P7D");
        for (var i = 0; request.Variants is not null && i < request.Variants.Count; i++)
        {
            if (request.Variants[i] is not { } variant)
            {
                shape.Errors[$"variants[{i}]"] = ["must be an object {name, weight, itemId}, not null"];
                continue;
            }

            shape.Require($"variants[{i}].name", variant.Name, "the variant's name");
            shape.Require($"variants[{i}].weight", variant.Weight, "its share of new clients, 0..10000");
            shape.Require($"variants[{i}].itemId", variant.ItemId, "the item its clients are served");
        }

        return shape;
    }

    private static Experiment ToGrpc(ExperimentRequest request, string key, int version) => new()
    {
        Key = key, Status = request.Status!, ConversionWindow = request.ConversionWindow!, Version = version,
        Variants = { request.Variants!.Select(v => new Variant { Name = v!.Name!, Weight = v.Weight!.Value, ItemId = v.ItemId! }) },
    };

    private static ExperimentResponse FromGrpc(Experiment experiment) => new(
        experiment.Key, experiment.Status, [.. experiment.Variants.Select(v => new VariantResponse(v.Name, v.Weight, v.ItemId))],
        experiment.ConversionWindow, experiment.Version, experiment.UpdatedAt.ToDateTimeOffset());
}
