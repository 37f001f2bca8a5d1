using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Engagement.Grpc;
using Platform.Gateway.Auth;

namespace Platform.Gateway.Engagement;

/// <summary>Operators' rules: GET|POST /v1/rules, GET|PUT /v1/rules/{key} (API.md, Engagement, Rules).</summary>
internal static class RuleEndpoints
{
    public static IHostApplicationBuilder AddRules(this IHostApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, RuleJsonContext.Default));
        return builder;
    }

    public static RouteGroupBuilder MapRules(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapEngagementGroup("/v1/rules");

        group.MapGet("", List).WithName("ListRules").WithSummary("Every rule (the 17 seeded moments and operators' own), by key");
        group.MapPost("", Create).WithName("CreateRule").WithSummary("Adds a rule as its version 1")
            .WithDescription("key, name, trigger, once and action are required; priority defaults to 50 and enabled to true. Events are "
                + "<topic prefix>.<type> (activity.deposit, onboarding.ProspectStalled, tiering.TierChanged, ...); conditions name event.<field> of "
                + "every trigger event or client.<field>, with an operator and a value of the field's kind. Every field Engagement refuses is "
                + "named in errors (trigger.event, conditions[1].op, action.content.kind, ...). 409 when the key is taken. version is ignored. "
                + "Takes effect without a restart.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{key}", Get).WithName("GetRule").WithSummary("One rule's current version").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{key}", Update).WithName("UpdateRule").WithSummary("Replaces the whole rule as its next version")
            .WithDescription("The body is the whole rule, as POST takes it (key may be left out; when given it must be the route's). version, "
                + "when given, is the version the edit was made from: if another edit committed since, the answer is 409 and nothing changes; "
                + "without it, the edit replaces whatever is current. The service answering already evaluates the new version; other replicas "
                + "follow within their refresh interval (Engagement:Rules:RefreshInterval, 5 s by default).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    internal static async Task<Ok<RuleResponse[]>> List(RuleService.RuleServiceClient rules, CancellationToken cancellationToken)
    {
        var reply = await rules.ListRulesAsync(new ListRulesRequest(), cancellationToken: cancellationToken);
        return TypedResults.Ok(reply.Rules.Select(RuleMapping.FromGrpc).ToArray());
    }

    internal static async Task<Ok<RuleResponse>> Get(string key, RuleService.RuleServiceClient rules, CancellationToken cancellationToken) =>
        TypedResults.Ok(RuleMapping.FromGrpc(await rules.GetRuleAsync(new GetRuleRequest { Key = key }, cancellationToken: cancellationToken)));

    internal static async Task<Results<Created<RuleResponse>, ValidationProblem>> Create(
        RuleRequest request, RuleService.RuleServiceClient rules, CancellationToken cancellationToken)
    {
        var errors = RuleMapping.Check(request, routeKey: null);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var created = RuleMapping.FromGrpc(await rules.CreateRuleAsync(RuleMapping.ToGrpc(request, request.Key!), cancellationToken: cancellationToken));
        return TypedResults.Created($"/v1/rules/{Uri.EscapeDataString(created.Key)}", created);
    }

    internal static async Task<Results<Ok<RuleResponse>, ValidationProblem>> Update(
        string key, RuleRequest request, RuleService.RuleServiceClient rules, CancellationToken cancellationToken)
    {
        var errors = RuleMapping.Check(request, key);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var command = new UpdateRuleRequest { Rule = RuleMapping.ToGrpc(request, key), ExpectedVersion = request.Version ?? 0 };
        return TypedResults.Ok(RuleMapping.FromGrpc(await rules.UpdateRuleAsync(command, cancellationToken: cancellationToken)));
    }
}
